"""The case summary a prosecutor reads: rendered from the same view as the case page, by WeasyPrint.

Server-side, so the PDF is the same whatever the officer's browser, and it is
made from the stored assessment, so it says exactly what the case page says.
"""

from __future__ import annotations

from vigil.users.context import Actor
from vigil.web.render import environment
from vigil.web.views.case_view import CaseView


def case_summary_html(view: CaseView, actor: Actor) -> str:
    return environment().get_template("summary_pdf.html").render(v=view, actor=actor)


def case_summary_pdf(view: CaseView, actor: Actor) -> bytes:
    from weasyprint import HTML

    pdf = HTML(string=case_summary_html(view, actor)).write_pdf()
    assert pdf is not None
    return pdf
