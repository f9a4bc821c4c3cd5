#!/usr/bin/env python3
"""Prints the Markdown table of every `arbiter.*` setting, read from the @ConfigMapping interfaces.

The README's configuration section is generated from the code so it cannot drift:
    python3 scripts/config-table.py > docs/configuration.md
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def inline_tags(text):
    """Javadoc inline tags as Markdown, so their braces cannot be taken for an interface body's."""
    def code(m):
        return "`" + " ".join(m.group(1).replace("*", " ").split()).lstrip("#") + "`"
    return re.sub(r"\{@(?:code|link|linkplain|value)\s([^}]*)\}", code, text)


def plain(doc):
    return doc.replace("|", "\\|")


def kebab(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def rows(path):
    text = inline_tags(path.read_text())
    m = re.search(r'@ConfigMapping\(prefix\s*=\s*"([^"]+)"\)', text)
    if not m:
        return []
    prefix = m.group(1)
    out = []
    nested = {}  # nested interface name -> list of (doc, default, member)
    # members: optional javadoc, optional annotations, a no-arg method declaration
    member = re.compile(
        r'(?:/\*\*(?P<doc>(?:(?!\*/).)*)\*/\s*)?(?P<ann>(?:@\w+(?:\([^)]*\))?\s*)*)'
        r'(?P<type>[\w.<>, ?]+)\s+(?P<name>\w+)\(\);', re.S)
    # split out nested interfaces first
    for nm in re.finditer(r'interface\s+(\w+)\s*\{(?P<body>[^{}]*)\}', text):
        if nm.start() == text.find("interface"):
            continue
        nested[nm.group(1)] = nm.group("body")
    body = text
    for name, nbody in nested.items():
        body = body.replace(nbody, "")
    for mm in member.finditer(body):
        typ, name = mm.group("type").strip(), mm.group("name")
        doc = " ".join((mm.group("doc") or "").replace("*", " ").split())
        default = re.search(r'@WithDefault\("([^"]*)"\)', mm.group("ann") or "")
        if typ in nested:
            for sm in member.finditer(nested[typ]):
                sdoc = " ".join((sm.group("doc") or "").replace("*", " ").split())
                sdef = re.search(r'@WithDefault\("([^"]*)"\)', sm.group("ann") or "")
                out.append((f"{prefix}.{kebab(name)}.{kebab(sm.group('name'))}",
                            sdef.group(1) if sdef else "", sdoc))
            continue
        out.append((f"{prefix}.{kebab(name)}", default.group(1) if default else "", doc))
    return out


def main():
    print("# Configuration\n")
    print("Generated from the `@ConfigMapping` interfaces by `scripts/config-table.py`; every key can")
    print("also be set as an environment variable (`arbiter.worker.concurrency` →")
    print("`ARBITER_WORKER_CONCURRENCY`) or a `-D` system property.\n")
    for service in ("api-service", "worker-service"):
        print(f"## {service}\n")
        print("| key | default | meaning |")
        print("|---|---|---|")
        for path in sorted((ROOT / service / "src/main/java").rglob("*.java")):
            for key, default, doc in rows(path):
                print(f"| `{key}` | {('`' + default + '`') if default else '—'} | {plain(doc)} |")
        print()


if __name__ == "__main__":
    sys.exit(main())
