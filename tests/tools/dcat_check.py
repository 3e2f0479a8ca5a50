#!/usr/bin/env python3
"""Read a DCAT-AP-SE catalogue with rdflib and check the properties DCAT-AP-SE marks
mandatory (DCAT-AP-SE 3.0.1: the catalogue's, the datasets', the distributions', the
publisher's and any contact point's), and the recommended ones given with --recommended.

    python3 tests/tools/dcat_check.py FILE [--format json-ld] [--recommended]

Prints one line per check ("ok" or "MISSING") and exits 1 when any check fails or the
file does not parse. Used by tests/open_data.rs with the rdflib of .venv-tools.
"""

import argparse
import sys

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# (class, property, what the object must be) as DCAT-AP-SE 3.0.1 makes them mandatory.
MANDATORY = {
    DCAT.Catalog: [
        (DCTERMS.title, "literal"),
        (DCTERMS.description, "literal"),
        (DCTERMS.publisher, "iri"),
        (DCTERMS.license, "iri"),
        (DCAT.dataset, "iri"),
    ],
    DCAT.Dataset: [
        (DCTERMS.title, "literal"),
        (DCTERMS.description, "literal"),
        (DCTERMS.publisher, "iri"),
    ],
    DCAT.Distribution: [
        (DCAT.accessURL, "iri"),
        (DCTERMS.format, "any"),
    ],
}
# The publisher (the object of dct:publisher) and a contact point (of dcat:contactPoint).
PUBLISHER = [(FOAF.name, "literal"), (DCTERMS.type, "iri")]
CONTACT = [(VCARD.fn, "literal"), (VCARD.hasEmail, "iri")]

RECOMMENDED = {
    DCAT.Catalog: [FOAF.homepage, DCTERMS.language, DCTERMS.modified, DCAT.themeTaxonomy],
    DCAT.Dataset: [DCAT.contactPoint, DCAT.keyword, DCAT.theme, DCTERMS.spatial, DCTERMS.temporal, DCTERMS.accessRights],
    DCAT.Distribution: [DCTERMS.description, DCTERMS.license],
}


def kind_ok(value, kind):
    if kind == "literal":
        return isinstance(value, Literal) and str(value).strip() != ""
    if kind == "iri":
        return isinstance(value, URIRef) and (str(value).startswith(("http://", "https://", "mailto:")))
    return True


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--format", default="json-ld")
    parser.add_argument("--recommended", action="store_true")
    args = parser.parse_args()
    graph = Graph()
    try:
        graph.parse(args.file, format=args.format)
    except Exception as e:  # any parse error fails the check
        print(f"MISSING parse: {e}")
        return 1
    print(f"ok parse: {len(graph)} triples")
    failures = 0

    def check(subject, label, prop, kind):
        nonlocal failures
        values = list(graph.objects(subject, prop))
        good = [v for v in values if kind_ok(v, kind)]
        status = "ok" if good else "MISSING"
        if not good:
            failures += 1
        print(f"{status} {label} {subject} {graph.namespace_manager.normalizeUri(prop)}")

    for cls, props in MANDATORY.items():
        subjects = list(graph.subjects(RDF.type, cls))
        name = graph.namespace_manager.normalizeUri(cls)
        if not subjects:
            failures += 1
            print(f"MISSING class {name}")
        for s in subjects:
            if not isinstance(s, URIRef):
                failures += 1
                print(f"MISSING iri {name} is a blank node")
            for prop, kind in props:
                check(s, f"mandatory {name}", prop, kind)
            if args.recommended:
                for prop in RECOMMENDED.get(cls, []):
                    check(s, f"recommended {name}", prop, "any")
    for owner in set(graph.subjects(RDF.type, DCAT.Catalog)) | set(graph.subjects(RDF.type, DCAT.Dataset)):
        for publisher in graph.objects(owner, DCTERMS.publisher):
            for prop, kind in PUBLISHER:
                check(publisher, "mandatory publisher", prop, kind)
        for contact in graph.objects(owner, DCAT.contactPoint):
            for prop, kind in CONTACT:
                check(contact, "mandatory contact point", prop, kind)
    # Every dataset the catalogue lists is described, and so is every distribution.
    for catalog in graph.subjects(RDF.type, DCAT.Catalog):
        for ds in graph.objects(catalog, DCAT.dataset):
            if (ds, RDF.type, DCAT.Dataset) not in graph:
                failures += 1
                print(f"MISSING dataset {ds} is not described")
    for ds in graph.subjects(RDF.type, DCAT.Dataset):
        for dist in graph.objects(ds, DCAT.distribution):
            if (dist, RDF.type, DCAT.Distribution) not in graph:
                failures += 1
                print(f"MISSING distribution {dist} is not described")
    print(f"{failures} missing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
