"""The agenda and the working documents as PDF (rendered offline by `regioportaal.pdf`)."""

from django.template.loader import render_to_string

from regioportaal.pdf import LocalFetcher, render_pdf, static_dir

__all__ = ["LocalFetcher", "render_template_pdf", "static_dir"]


def render_template_pdf(template, context):
    """Render `template` with `context` to PDF bytes."""
    return render_pdf(render_to_string(template, context))
