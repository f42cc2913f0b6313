"""The benchmark's report: a Markdown table, the raw figures as JSON, and a chart (SVG, and PNG through Chromium).

Standard library only (no plotting package): the chart is drawn as SVG by hand and, when Playwright and Chromium
are there, photographed as PNG.
"""

import json
import math
from html import escape
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
TARGET_PUBLIC, TARGET_LOGGED_IN, TARGET_COLD = 0.5, 0.25, 0.1  # issue 16: warm public, warm logged in, cold


def table(pages, results):
    head = (
        "| page | user | queries cold / warm | warm req/s | warm p50 ms | warm p99 ms | warm ratio "
        "| cold req/s | cold p50 ms | cold p99 ms | cold ratio | errors |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows = []
    for page in pages:
        warm, cold = results["warm"][page["name"]], results["cold"][page["name"]]
        rows.append(
            f"| {page['name']} (`{page['path']}`) | {page['who'] or 'anonymous'} "
            f"| {page['queries_cold']} / {page['queries_warm']} "
            f"| {warm['rps']:.0f} | {warm['p50']:.1f} | {warm['p99']:.1f} | {warm['ratio']:.3f} "
            f"| {cold['rps']:.0f} | {cold['p50']:.1f} | {cold['p99']:.1f} | {cold['ratio']:.3f} "
            f"| {warm['errors'] + cold['errors']} |"
        )
    return "\n".join([head, *rows])


def svg(pages, results):
    """Horizontal bars per page: warm and cold throughput ratio to /healthz, log scale 0.001–10, targets marked."""
    left, width, bar, gap = 330, 560, 9, 8
    height = 60 + len(pages) * (2 * bar + gap)

    def x(ratio):
        return left + width * (math.log10(min(max(ratio, 0.001), 10)) + 3) / 4

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 110}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="white"/>',
        '<text x="10" y="18" font-size="14">Throughput as a ratio to /healthz (log scale); '
        "dark: warm, light: cold; red dashes: the targets 0.25 (logged in) and 0.5 (public)</text>",
    ]
    for ratio in (0.001, 0.01, 0.1, 1, 10):
        parts.append(f'<line x1="{x(ratio)}" y1="28" x2="{x(ratio)}" y2="{height - 20}" stroke="#ccc"/>')
        parts.append(f'<text x="{x(ratio) - 12}" y="{height - 6}">{ratio:g}</text>')
    for target, label in ((TARGET_PUBLIC, "0.5"), (TARGET_LOGGED_IN, "0.25")):
        parts.append(
            f'<line x1="{x(target)}" y1="28" x2="{x(target)}" y2="{height - 20}" stroke="#c00" '
            f'stroke-dasharray="4 3"><title>target {label}</title></line>'
        )
    y = 36
    for page in pages:
        warm, cold = results["warm"][page["name"]]["ratio"], results["cold"][page["name"]]["ratio"]
        parts.append(
            f'<text x="{left - 6}" y="{y + bar + 3}" text-anchor="end">{escape(page["name"])}</text>'
        )
        parts.append(f'<rect x="{left}" y="{y}" width="{x(warm) - left:.1f}" height="{bar}" fill="#1f4e79"/>')
        parts.append(
            f'<rect x="{left}" y="{y + bar}" width="{x(cold) - left:.1f}" height="{bar}" fill="#8fb3d9"/>'
        )
        parts.append(f'<text x="{x(max(warm, cold)) + 4}" y="{y + bar + 3}">{warm:.3f} / {cold:.3f}</text>')
        y += 2 * bar + gap
    parts.append("</svg>")
    return "\n".join(parts)


def png(svg_path, png_path):
    """Photograph the SVG with Chromium through Playwright; False when either is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return False
    if not Path(CHROMIUM).exists():
        return False
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(Path(svg_path).resolve().as_uri())
        page.locator("svg").screenshot(path=str(png_path))
        browser.close()
    return True


def write_outputs(out, pages, results, meta, zwaar=None):
    """Write results.md, results.json, chart.svg and chart.png into `out`; returns the Markdown table. `zwaar`: the
    heavy work's figures (bench/zwaar.py), reported below the pages when measured."""
    out = Path(out)
    markdown = table(pages, results)
    lines = [
        "# Benchmark",
        "",
        f"{meta['date']}; database {meta['database']}; cache {meta.get('cache', '?')}; load {meta['load']}; "
        f"{meta['rounds']} interleaved rounds "
        f"of {meta['seconds']:g} s per page; ratio = the page's req/s divided by /healthz's in the same round "
        "(median over the rounds).",
        "",
        markdown,
        "",
    ]
    if zwaar:
        from .zwaar import markdown as zwaar_markdown

        lines += ["## Heavy work (issue 16, item 5)", "", zwaar_markdown(zwaar), ""]
    (out / "results.md").write_text("\n".join(lines))
    (out / "results.json").write_text(
        json.dumps({"meta": meta, "pages": pages, "results": results, "zwaar": zwaar}, indent=1)
    )
    (out / "chart.svg").write_text(svg(pages, results))
    try:
        png(out / "chart.svg", out / "chart.png")
    except Exception as exc:  # a chart is not worth failing the benchmark for
        print(f"chart.png not written: {exc}")
    return markdown
