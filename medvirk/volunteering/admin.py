from django.contrib import admin

from medvirk.core.admin import MunicipalityScopedAdmin, ScopedStackedInline, ScopedTabularInline
from medvirk.volunteering.models import (
    GroupMeeting,
    Membership,
    Offer,
    Organisation,
    Volunteer,
    WorkingGroup,
)


@admin.register(Organisation)
class OrganisationAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "district", "organisation_number"]
    search_fields = ["name", "organisation_number"]
    filter_horizontal = ["managers"]


@admin.register(Volunteer)
class VolunteerAdmin(MunicipalityScopedAdmin):
    list_display = ["display_name", "district", "frequency", "is_available"]
    search_fields = ["display_name"]
    raw_id_fields = ["user"]


class MembershipInline(ScopedTabularInline):
    model = Membership
    raw_id_fields = ["volunteer", "added_by"]
    extra = 0


class GroupMeetingInline(ScopedStackedInline):
    model = GroupMeeting
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "theme", "district", "volunteers_needed"]
    list_filter = ["theme"]
    raw_id_fields = ["coordinator"]
    inlines = [MembershipInline, GroupMeetingInline]


@admin.register(Offer)
class OfferAdmin(MunicipalityScopedAdmin):
    list_display = ["title", "district", "weekday", "starts", "is_published"]
    list_filter = ["theme", "is_published"]
    raw_id_fields = ["created_by", "booking_series", "room", "organisation", "working_group"]
