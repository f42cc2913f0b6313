"""The account forms: login by e-mail, the password reset that only queues a task, and the second-factor codes."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.forms.renderers import DjangoTemplates
from django.template.loader import get_template
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext
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


# --- A form field as `templates/field.html` writes it ------------------------------------------------------------
#
# `{% include "field.html" %}` renders the field's label and widget through Django's form templates (label.html,
# input.html or textarea.html, attrs.html each time): on a cold page with a few forms that cost more than the rest
# of the form. `veld_html(field)` writes the same HTML in Python for the common case (no errors, Django's own
# renderer and templates, a plain input, checkbox or text area, or `SnelSelect`); anything else goes through the
# templates. Used by `{% veld field %}` (programmas) and `SnelleVelden.velden_html()`.

_FORMULIERTEMPLATES = "django/forms/widgets/"
_INVOER = {
    _FORMULIERTEMPLATES + naam
    for naam in (
        "input.html",
        "checkbox.html",  # includes input.html
        "text.html",
        "number.html",
        "email.html",
        "url.html",
        "password.html",
        "hidden.html",
        "date.html",
        "datetime.html",
        "time.html",
        "search.html",
        "tel.html",
    )
}
_TEKSTVAK = _FORMULIERTEMPLATES + "textarea.html"


def _standaard(form):
    """Whether the form renders through Django's own templates (so the Python below writes the same HTML)."""
    return type(form.renderer) is DjangoTemplates and form.template_name_label == "django/forms/label.html"


# Django's own msgid (`BoundField.label_tag`), translated by Django's catalog: a name, so that makemessages does not
# copy it into ours.
_LEESTEKENS = ":?.!"


def _label_html(veld):
    """`{{ field.label_tag }}` (`BoundField.label_tag()` through `django/forms/label.html`)."""
    widget = veld.field.widget
    id_ = widget.attrs.get("id") or veld.auto_id
    if not id_ or hasattr(veld.form, "required_css_class"):
        return veld.label_tag()
    inhoud = veld.label
    achtervoegsel = veld.field.label_suffix if veld.field.label_suffix is not None else veld.form.label_suffix
    if achtervoegsel and inhoud and inhoud[-1] not in gettext(_LEESTEKENS):
        inhoud = format_html("{}{}", inhoud, achtervoegsel)
    id_voor_label = widget.id_for_label(id_)
    attrs = _attrs_html({"for": id_voor_label}) if id_voor_label else ""
    return f"<label{attrs}>{conditional_escape(localize(inhoud))}</label>"


def _widget_html(veld):
    """`{{ field }}` (`BoundField.as_widget()` through the widget's template) for a plain input or text area."""
    widget = veld.field.widget
    soort = type(widget)
    if (
        veld.field.show_hidden_initial
        or soort.render is not forms.Widget.render
        or soort._render is not forms.Widget._render
        or (widget.template_name not in _INVOER and widget.template_name != _TEKSTVAK)
    ):
        return str(veld)
    if veld.field.localize:
        widget.is_localized = True
    attrs = veld.build_widget_attrs({}, widget)
    if veld.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", veld.auto_id)
    w = widget.get_context(veld.html_name, veld.value(), attrs)["widget"]
    naam = conditional_escape(w["name"])
    if widget.template_name == _TEKSTVAK:
        waarde = conditional_escape(localize(w["value"])) if w["value"] else ""
        return f'<textarea name="{naam}"{_attrs_html(w["attrs"])}>\n{waarde}</textarea>'
    waarde = "" if w["value"] is None else f' value="{_stringformat(w["value"])}"'
    return f'<input type="{conditional_escape(w["type"])}" name="{naam}"{waarde}{_attrs_html(w["attrs"])}>'


def veld_html(field):
    """`{% include "field.html" %}` for `field`, the same HTML (see above)."""
    if field.errors or not _standaard(field.form):
        return mark_safe(get_template("field.html").render({"field": field}))  # noqa: S308 - the template escaped
    if field.is_hidden:
        return mark_safe(f"{_widget_html(field)}\n")  # noqa: S308 - every value escaped
    hulp = ""
    if field.help_text:
        hulp = (
            f'<p class="help" id="{conditional_escape(field.auto_id)}_helptext">'
            f"{conditional_escape(localize(field.help_text))}</p>"
        )
    return mark_safe(  # noqa: S308 - every value escaped
        f'\n<div class="field">\n  {_label_html(field)}\n  {hulp}\n  \n  {_widget_html(field)}\n</div>\n\n'
    )


class SnelleVelden:
    """For a form whose page renders every field through field.html cold on every request (the agenda builder, the
    opgaven list's filter): `{{ form.velden_html }}` writes what `{% for field in form %}{% include "field.html" %}
    {% endfor %}` writes, field by field with `veld_html`."""

    def velden_html(self):
        return mark_safe("".join(veld_html(field) for field in self))  # noqa: S308 - veld_html escapes


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
