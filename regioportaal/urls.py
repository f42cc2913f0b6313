from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import AccountActiverenView, LoginForm, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="registration/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/wachtwoord_mail.txt",
            subject_template_name="registration/wachtwoord_onderwerp.txt",
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-kiezen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-kiezen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/activeren/<uidb64>/<token>/", AccountActiverenView.as_view(), name="account_activeren"),
    path("", include("opgaven.urls")),
    path("", include("programmas.urls")),
    path("", include("besturen.urls")),
    path("", include("vergaderingen.urls")),
]
