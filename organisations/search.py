"""Full-text search shared by the directory's lists.

PostgreSQL: a stored, generated, weighted ``tsvector`` column under a GIN
index, ranked, plus trigram similarity on names so a typo still finds the
group. SQLite (the zero-setup default): every word must appear in the name or
description. Both sit behind ``SearchQuerySet.search()``.
"""

import operator
import re
import unicodedata
from functools import reduce

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connections, models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.lookups import IContains

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200


class SearchDocument(models.Func):
    """The weighted document a row is searched by, for a ``GeneratedField``.

    ``SearchDocument(name="A", description="B")`` weighs names above
    descriptions. On databases without ``tsvector`` the column is NULL.
    """

    output_field = SearchVectorField()

    def __init__(self, **weights):
        vectors = [
            SearchVector(field, weight=weight, config=SEARCH_CONFIG)
            for field, weight in weights.items()
        ]
        super().__init__(reduce(operator.add, vectors))

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.get_source_expressions()[0])

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


def clean_query(text: str | None) -> str:
    """Search text with control characters dropped and white space folded."""
    if not text:
        return ""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH]


class SearchQuerySet(models.QuerySet):
    """A QuerySet whose model has ``name``, ``description`` and ``search_vector``."""

    def search(self, text):
        """Rows matching ``text``, annotated with ``rank`` (higher is better)."""
        text = clean_query(text)
        if not text:
            return self
        if connections[self.db].vendor == "postgresql":
            query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
            # Word similarity only ranks the rows found by a typo; computing it
            # for every full-text match would cost a second pass over them all.
            typo_rank = Case(
                When(search_vector=query, then=Value(0.0)),
                default=TrigramWordSimilarity(text, "name"),
                output_field=FloatField(),
            )
            return self.annotate(rank=SearchRank(F("search_vector"), query) + typo_rank).filter(
                Q(search_vector=query) | Q(name__trigram_word_similar=text)
            )
        words = text.split(" ")
        matches = reduce(
            operator.and_,
            (Q(name__icontains=word) | Q(description__icontains=word) for word in words),
        )
        return self.filter(matches).annotate(rank=Value(0.0, output_field=FloatField()))


class TrigramIContains(IContains):
    """``icontains`` that PostgreSQL runs as ``name ILIKE '%word%'``.

    Django's own ``icontains`` compares ``UPPER()`` of both sides, which no
    index serves: a name search scans all 100,000 organisations (about
    150 ms) or 300,000 services (about 300 ms), on every autocomplete
    keystroke too. ``ILIKE`` uses the trigram GIN index the search
    migrations put on ``name``: a few milliseconds. Words shorter than three
    letters have no trigrams, so they keep Django's form; other databases
    always do.
    """

    lookup_name = "icontains_trgm"

    def as_sql(self, compiler, connection):
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection):
        if len(str(self.rhs)) < 3:
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", (*lhs_params, *rhs_params)


def search_names_by_trigram(model):
    """Let admin search on ``model.name`` use its trigram index (see ``TrigramIContains``)."""
    model._meta.get_field("name").register_lookup(TrigramIContains)
