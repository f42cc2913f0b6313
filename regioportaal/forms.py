"""The account forms: login by e-mail, the password reset that only queues a task, and the second-factor codes."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from . import outbox


def _stringformat(value):
    """`{{ value|stringformat:'s' }}` as a template writes it: the text, escaped unless it was safe already."""
    text = str(value)  # the filter's "%s" % value, a tuple included
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs_html(attrs):
    """Django's `django/forms/widgets/attrs.html`, written out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_stringformat(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class SnelSelect(forms.Select):
    """Django's select, the same HTML written in Python: its template includes two more templates per option, which
    on a cold page with lists of dozens of options (the agenda builder's opgaven and versions, the opgaven list's
    filter) cost more than the rest of the form. A subclass with templates of its own renders through them."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != forms.Select.template_name or (
            self.option_template_name != forms.Select.option_template_name
        ):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attrs_html(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', localize(group_name)))
            for option in options:
                parts.append(
                    f'\n  <option value="{_stringformat(option["value"])}"{_attrs_html(option["attrs"])}>'
                    f"{conditional_escape(localize(option['label']))}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")  # the renderer strips the template's last newline
        return mark_safe("".join(parts))


class LoginForm(AuthenticationForm):
    """Log in with an e-mail address."""

    username = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters in het wachtwoord."
        ),
        "inactive": _("Dit account is niet actief."),
    }


class PasswordResetForm(DjangoPasswordResetForm):
    """Ask for a reset link. The request only queues a task with the address: whether an account exists, the token
    and the mail are all the task's business, so the answer takes the same time for a known and an unknown address
    and a mail server that hangs holds no web worker."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def save(self, *args, **kwargs):
        email = self.cleaned_data["email"]
        language = translation.get_language()
        outbox.enqueue("regioportaal.tasks_auth.send_password_reset", email, language)


class CodeForm(forms.Form):
    """The second factor at login: a code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("De zescijferige code uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class SetupForm(forms.Form):
    """Confirm a new authenticator app with the code it shows."""

    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=8,
        help_text=_(
            "Scan de QR-code met uw authenticator-app en vul de zescijferige code in die de app toont."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("Vul de zes cijfers in die de app toont."))
        return code
