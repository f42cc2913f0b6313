from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import twofactor
from .forms import LoginForm
from .health import healthz, livez
from .privacy import views as privacy_views
from .views import AccountActiverenView, AfmeldenView, PasswordResetView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("livez", livez, name="livez"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="registration/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("inloggen/code/", twofactor.VerifyView.as_view(), name="otp_verify"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/tweestapsverificatie/", twofactor.OverviewView.as_view(), name="twofactor"),
    path("account/tweestapsverificatie/instellen/", twofactor.SetupView.as_view(), name="twofactor_setup"),
    path(
        "account/tweestapsverificatie/herstelcodes/",
        twofactor.RecoveryCodesView.as_view(),
        name="twofactor_codes",
    ),
    path(
        "account/tweestapsverificatie/uitschakelen/",
        twofactor.DisableView.as_view(),
        name="twofactor_disable",
    ),
    path(
        "wachtwoord-vergeten/",
        PasswordResetView.as_view(),
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
    path("afmelden/<str:token>/", AfmeldenView.as_view(), name="afmelden"),
    path(
        "privacyverklaring/",
        privacy_views.VerklaringView.as_view(template_name="privacy/privacyverklaring.html"),
        name="privacyverklaring",
    ),
    path(
        "toegankelijkheidsverklaring/",
        privacy_views.VerklaringView.as_view(template_name="privacy/toegankelijkheidsverklaring.html"),
        name="toegankelijkheidsverklaring",
    ),
    path("account/mijn-gegevens/", privacy_views.MijnGegevensView.as_view(), name="mijn_gegevens"),
    path("beheer/privacy/", privacy_views.BeheerView.as_view(), name="privacy_beheer"),
    path("werklijst/", include("regioportaal.views_werklijst")),
    path("", include("opgaven.urls")),
    path("", include("programmas.urls")),
    path("", include("besturen.urls")),
    path("", include("vergaderingen.urls")),
    path("", include("notities.urls")),
    path("", include("raad.urls")),
    path("", include("openbaar.urls")),
]
