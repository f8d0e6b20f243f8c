"""The two outside checkers the accessibility suite runs on every page.

axe-core (npm) runs inside the page; the Nu Html Checker (npm vnu-jar, on Java)
checks the HTML the server sent. Both come from package.json's devDependencies.
Missing tools skip the suite on a laptop, and fail it when REQUIRE_BROWSER is set.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def require(found, message):
    """Skip without the tool, unless CI says the browser suite must run."""
    if found:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"REQUIRE_BROWSER is set but the accessibility checks cannot run. {message}")
    pytest.skip(message)


def require_axe():
    require(AXE.exists(), f"axe-core not found at {AXE}: run npm ci")


def require_vnu():
    java = shutil.which("java")
    require(java, "Java not found: the Nu Html Checker needs it (apt-get install default-jre)")
    require(VNU.exists(), f"vnu-jar not found at {VNU}: run npm ci")
    return java


def axe_violations(page, exclude=()):
    """Run axe with the WCAG A and AA rules; return its violations.

    ``exclude`` lists CSS selectors of third-party markup that cannot be changed.
    """
    return page.evaluate(
        """async ([tags, exclude]) => {
            const context = exclude.length ? {exclude: exclude.map((s) => [s])} : document;
            const results = await axe.run(context, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(' '), summary: n.failureSummary,
                })),
            }));
        }""",
        [WCAG_TAGS, list(exclude)],
    )


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def vnu_errors(java, files):
    """Check HTML files in one Java run (the JVM is slow to start); errors by file name."""
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stderr if result.stderr.lstrip().startswith("{") else result.stdout
    if not output.lstrip().startswith("{"):
        pytest.fail(f"The Nu Html Checker did not report: {result.stderr[-2000:]}")
    report = json.loads(output)
    errors = {}
    for message in report["messages"]:
        name = Path(message.get("url", "unknown").removeprefix("file:")).stem
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
            + (f" [{message['extract'].strip()}]" if message.get("extract") else "")
        )
    return errors
