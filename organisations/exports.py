"""Filtered lists as CSV or JSON, streamed so that 100,000 rows never sit in memory at once."""

import csv
import json

from django.http import StreamingHttpResponse
from django.utils import timezone

CHUNK = 2000


class _Echo:
    """A file-like object csv.writer can write to, handing each line straight back."""

    def write(self, value):
        return value


def export_response(queryset, columns, name, fmt, request):
    """Stream ``queryset`` with ``columns`` ((heading, function of a row)) as CSV or JSON."""
    rows = queryset.iterator(chunk_size=CHUNK)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        response = StreamingHttpResponse(
            _json_lines(rows, columns, request), content_type="application/json"
        )
    else:
        response = StreamingHttpResponse(
            _csv_lines(rows, columns, request), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


def _csv_lines(rows, columns, request):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    yield writer.writerow([heading for heading, _ in columns])
    for row in rows:
        yield writer.writerow([_safe_cell(value(row, request)) for _, value in columns])


def _json_lines(rows, columns, request):
    yield "[\n"
    first = True
    for row in rows:
        record = {heading: value(row, request) for heading, value in columns}
        yield ("" if first else ",\n") + json.dumps(record, default=str, ensure_ascii=False)
        first = False
    yield "\n]\n"


def _safe_cell(value):
    """Neutralise spreadsheet formulas in text people typed (CSV injection)."""
    if value is None:
        return ""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
