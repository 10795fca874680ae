from django.urls import path

from medvirk.accounts import oidc_views, privacy_views, verification_views, views

app_name = "accounts"

urlpatterns = [
    path("registrer/", views.register, name="register"),
    path("logg-inn/", views.EmailLoginView.as_view(), name="login"),
    path(
        "logg-ut/",
        oidc_views.with_provider_logout(views.SiteLogoutView.as_view()),
        name="logout",
    ),
    path("", views.profile, name="profile"),
    path("bekreft-epost/", views.verify_email, name="verify-email"),
    path("bekreft-epost/<str:token>/", views.verify_email_confirm, name="verify-email-confirm"),
    path("nytt-passord/", views.SitePasswordResetView.as_view(), name="password-reset"),
    path(
        "nytt-passord/sendt/",
        views.SitePasswordResetDoneView.as_view(),
        name="password-reset-sent",
    ),
    path(
        "nytt-passord/<uidb64>/<token>/",
        views.SitePasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "nytt-passord/ferdig/",
        views.SitePasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("bytt-passord/", views.SitePasswordChangeView.as_view(), name="password-change"),
    path("mine-data/", privacy_views.my_data, name="my-data"),
    path("mine-data/json/", privacy_views.my_data_json, name="my-data-json"),
    path("slett-konto/", privacy_views.delete_account, name="delete-account"),
    path("slett-konto/ferdig/", privacy_views.delete_account_done, name="delete-account-done"),
    path("oidc/login/", oidc_views.oidc_login, name="oidc-login"),
    path("oidc/callback/", oidc_views.oidc_callback, name="oidc-callback"),
    path("oidc/logget-ut/", oidc_views.oidc_logged_out, name="oidc-logged-out"),
    path(
        "oidc/frontchannel-logout/",
        oidc_views.oidc_front_channel_logout,
        name="oidc-front-channel-logout",
    ),
    path(
        "kommune/<slug:municipality_slug>/bekreft-innbygger/",
        verification_views.resident_verify,
        name="resident-verify",
    ),
    path(
        "kommune/<slug:municipality_slug>/bekreft-innbygger/<int:pk>/opphev/",
        verification_views.resident_revoke,
        name="resident-revoke",
    ),
]
