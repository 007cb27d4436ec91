"""The audit report as PDF: WeasyPrint renders the same self-contained HTML page.

One source for both keeps the PDF an audit panel files and the HTML a
supervisor opens identical. The HTML fetches nothing, so rendering needs no
network either; WeasyPrint is imported only when a PDF is asked for.
"""

from __future__ import annotations

from vigil.errors import UsageError

PAGE_CSS = """
@page {
  size: A4 landscape; margin: 12mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9px; }
}
body { margin: 0; max-width: none; font-size: 10px; }
details > summary { display: none; }
details { display: block; }
table { page-break-inside: auto; } tr { page-break-inside: avoid; }
"""


def html_to_pdf(html: str) -> bytes:
    """Render the report page to PDF bytes (every "Why" is printed open)."""
    try:
        from weasyprint import CSS, HTML
    except ImportError as exc:  # a broken or partial install, not a user mistake
        raise UsageError(
            f"PDF output needs WeasyPrint, which cannot be loaded ({exc})",
            hint="reinstall Vigil (pip install -e .), or use --format html and print that page",
        ) from None
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=PAGE_CSS)])
