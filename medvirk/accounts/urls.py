from django.urls import path

from medvirk.accounts import oidc_views, views

app_name = "accounts"

urlpatterns = [
    path("registrer/", views.register, name="register"),
    path("logg-inn/", views.EmailLoginView.as_view(), name="login"),
    path("logg-ut/", views.SiteLogoutView.as_view(), name="logout"),
    path("oidc/login/", oidc_views.oidc_login, name="oidc-login"),
    path("oidc/callback/", oidc_views.oidc_callback, name="oidc-callback"),
]
