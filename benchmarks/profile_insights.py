"""Time the insights figures uncached, query by query, against the database in DATABASE_URL.

    DATABASE_URL=... .venv/bin/python benchmarks/profile_insights.py [GSS_CODE ...] [--runs 10]

For each area (and nationally) it computes ``Insights(...).figures()`` --runs times,
bypassing the cache, and prints p50/p95 of the whole and the slowest queries.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("areas", nargs="*", default=["E08000003"])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    from organisations.models import Area
    from partnerships.insights import Insights

    for code in [None, *args.areas]:
        area = Area.objects.get(gss_code=code) if code else None
        totals, per_query = [], {}

        def timer(execute, sql, params, many, context, per_query=per_query):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                per_query.setdefault(sql[:90], []).append(time.perf_counter() - started)

        for _ in range(args.runs):
            started = time.perf_counter()
            with connection.execute_wrapper(timer):
                Insights(area=area).figures()
            totals.append(time.perf_counter() - started)
        totals.sort()
        p95 = totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))]
        print(
            f"{area or 'national'}: p50 {1000 * statistics.median(totals):.0f} ms, "
            f"p95 {1000 * p95:.0f} ms over {args.runs} runs"
        )
        slowest = sorted(per_query.items(), key=lambda kv: -statistics.median(kv[1]))[:4]
        for sql, times in slowest:
            print(f"    {1000 * statistics.median(times):7.1f} ms  {sql}")


if __name__ == "__main__":
    main()
