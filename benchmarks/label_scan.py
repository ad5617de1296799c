"""What Sphinx's standard domain costs to forget the labels of each document it reads, with one
label per document (as a news site has, one per post), against a per-document index of labels.

    python benchmarks/label_scan.py --sizes 1000,3000,10000,20000

``StandardDomain.clear_doc`` (Sphinx 9) scans every label and anonymous label of the project for
each document it reads; reading N documents that each hold a label costs N × N steps. The
proposed change keeps, beside the label tables, which labels each document holds, so forgetting
a document's labels touches only those. Both are timed here on the same tables, in one process,
as a clean build calls them: once per document read, with every other document's label present.
"""

from __future__ import annotations

import argparse
import time

from sphinx.domains.std import StandardDomain


class _Domain(StandardDomain):
    """The standard domain's tables without an environment: only ``clear_doc`` is called."""

    def __init__(self, data: dict) -> None:
        self.data = data


def _tables(size: int) -> dict:
    labels = {f"story-{n}": (f"posts/story-{n}", f"story-{n}", f"Story {n}") for n in range(size)}
    anonlabels = {name: entry[:2] for name, entry in labels.items()}
    return {"progoptions": {}, "objects": {}, "terms": {}, "labels": labels, "anonlabels": anonlabels}


def scan_every_label(size: int) -> float:
    """Sphinx's own ``clear_doc``, once per document, each document's label still in the tables
    (the document is read right after and notes it again)."""
    domain = _Domain(_tables(size))
    started = time.perf_counter()
    for n in range(size):
        domain.clear_doc(f"posts/story-{n}")
        domain.labels[f"story-{n}"] = (f"posts/story-{n}", f"story-{n}", f"Story {n}")
        domain.anonlabels[f"story-{n}"] = (f"posts/story-{n}", f"story-{n}")
    return time.perf_counter() - started


def per_document_index(size: int) -> float:
    """The proposed ``clear_doc``: a document's labels looked up in an index kept beside the tables."""
    tables = _tables(size)
    by_document = {entry[0]: {name} for name, entry in tables["labels"].items()}
    started = time.perf_counter()
    for n in range(size):
        docname = f"posts/story-{n}"
        for name in by_document.pop(docname, ()):
            tables["labels"].pop(name, None)
            tables["anonlabels"].pop(name, None)
        tables["labels"][f"story-{n}"] = (docname, f"story-{n}", f"Story {n}")
        tables["anonlabels"][f"story-{n}"] = (docname, f"story-{n}")
        by_document.setdefault(docname, set()).add(f"story-{n}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000,20000")
    options = parser.parse_args()
    print("| documents (one label each) | clear_doc today | with a per-document index |")
    print("|---|---|---|")
    for size in map(int, options.sizes.split(",")):
        print(f"| {size:,} | {scan_every_label(size):.2f} s | {per_document_index(size) * 1000:.1f} ms |", flush=True)


if __name__ == "__main__":
    main()
