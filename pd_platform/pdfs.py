"""PDFs people download: tagged for assistive technology (PDF/UA structure: headings, lists and
tables a screen reader can follow), rendered by WeasyPrint from a template.

WeasyPrint's tags need two repairs before a PDF/UA checker accepts them (``repair_structure``,
run as the renderer's finisher on every tagged PDF the platform makes):

- the page margin boxes (running footers: "Page 2 of 3", the organisation's name) are drawn as
  tagged text whose structure elements are left out of the tree; they are page furniture, so
  they become pagination artifacts, which a screen reader skips;
- a ``<div>`` that groups a ``<dt>`` with its ``<dd>`` puts a Div between the list and its
  items; the items move up into the list;
- a table's header cells (TH) carry no /Scope, so which cells a header names is left to a guess
  (PDF/UA's Matterhorn 15-003); a header in the table's head row gets Column, one in a body row Row."""

import pydyf
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML


def tagged_pdf(template, context):
    html = render_to_string(template, {"site_name": settings.SITE_NAME, **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_tags=True, pdf_variant="pdf/ua-1", finisher=repair_structure
    )


def repair_structure(document, pdf, *more_finishers):
    """A WeasyPrint finisher: see the module's docstring. Other finishers may follow."""
    root = pdf.catalog.get("StructTreeRoot")
    if root is not None:
        structure = _Structure(pdf)
        structure.footers_as_artifacts()
        structure.lift_list_items()
        structure.scope_table_headers()
    for finisher in more_finishers:
        finisher(document, pdf)


# What a PDF/A file that is also tagged to PDF/UA-1 says of itself in its XMP: pdfuaid:part 1, and (PDF/A admits
# only the properties of schemas it knows or the file describes) the description of the pdfuaid schema.
PDF_UA_IDENTIFICATION = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the file follows</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>
"""


def declare_pdf_ua(document, pdf):
    """A finisher for a tagged PDF/A file (the certificate, the transcript): its XMP says it also follows PDF/UA-1,
    which WeasyPrint writes only for its PDF/UA variant."""
    reference = pdf.catalog.get("Metadata")
    if reference is None:
        return
    stream = pdf.objects[_number(reference)]
    content = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream.stream)
    if b"pdfuaid:part" in content or b"</rdf:RDF>" not in content:
        return
    stream.stream = [content.replace(b"</rdf:RDF>", PDF_UA_IDENTIFICATION + b"</rdf:RDF>", 1)]


# An element dropped from the tree is emptied rather than freed: pydyf's object streams count on
# every object being written.


def _number(reference):
    return int(bytes(reference).split()[0]) if isinstance(reference, bytes | str) else None


class _Structure:
    def __init__(self, pdf):
        self.pdf = pdf
        self.root = self.get(pdf.catalog["StructTreeRoot"])

    def get(self, reference):
        return self.pdf.objects[_number(reference if isinstance(reference, bytes) else str(reference).encode())]

    def kids(self, element):
        return [kid for kid in element.get("K", []) if isinstance(kid, bytes)]

    def reachable(self):
        seen, stack = set(), [_number(ref) for ref in self.kids(self.root)]
        while stack:
            number = stack.pop()
            if number in seen:
                continue
            seen.add(number)
            element = self.pdf.objects[number]
            if isinstance(element, pydyf.Dictionary):
                stack.extend(_number(ref) for ref in self.kids(element))
        return seen

    def footers_as_artifacts(self):
        reachable = self.reachable()
        parent_tree = self.get(self.root["ParentTree"])
        nums = parent_tree["Nums"]
        pages = self.pdf.page_references
        for index in range(0, len(nums), 2):
            key, entries = nums[index], nums[index + 1]
            if not isinstance(entries, pydyf.Array) or key >= len(pages):
                continue
            orphans = {mcid for mcid, ref in enumerate(entries) if _number(ref) not in reachable}
            if not orphans:
                continue
            for mcid in orphans:
                for number in list(self._chain_out_of_tree(entries[mcid], reachable)):
                    self.pdf.objects[number].clear()
                entries[mcid] = "null"
            page = self.get(pages[key])
            self._mark_as_artifacts(self.get(page["Contents"]), orphans)

    def _chain_out_of_tree(self, reference, reachable):
        """The element and its ancestors up to (not including) the first one in the tree."""
        number = _number(reference)
        while number is not None and number not in reachable:
            element = self.pdf.objects[number]
            if element.get("Type") != "/StructElem":
                return
            yield number
            number = _number(element.get("P"))

    @staticmethod
    def _mark_as_artifacts(stream, mcids):
        items = stream.stream
        for position, item in enumerate(items):
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in mcids and position:
                items[position - 1] = "/Artifact"
                items[position] = pydyf.Dictionary({"Type": "/Pagination"})

    def lift_list_items(self):
        for number in self.reachable():
            element = self.pdf.objects[number]
            if not isinstance(element, pydyf.Dictionary) or element.get("S") != "/L":
                continue
            kids = []
            for ref in element["K"]:
                kid = self.get(ref) if isinstance(ref, bytes) else None
                grandchildren = [self.get(r) for r in self.kids(kid)] if kid is not None else []
                if (
                    kid is not None
                    and kid.get("S") in ("/Div", "/NonStruct")
                    and grandchildren
                    and len(grandchildren) == len(kid["K"])
                    and all(g.get("S") == "/LI" for g in grandchildren)
                ):
                    for grandchild in grandchildren:
                        grandchild["P"] = element.reference
                    kids.extend(kid["K"])
                    kid.clear()
                else:
                    kids.append(ref)
            element["K"] = pydyf.Array(kids)

    def scope_table_headers(self):
        for number in self.reachable():
            element = self.pdf.objects[number]
            if not isinstance(element, pydyf.Dictionary) or element.get("S") != "/TH":
                continue
            attributes = element.get("A")
            if not isinstance(attributes, pydyf.Dictionary):
                attributes = element["A"] = pydyf.Dictionary({"O": "/Table"})
            if "Scope" in attributes:
                continue
            row = self.get(element["P"]) if element.get("P") else None
            section = self.get(row["P"]) if row is not None and row.get("P") else None
            attributes["Scope"] = "/Column" if section is not None and section.get("S") == "/THead" else "/Row"


# A long tagged PDF, in parts. WeasyPrint holds a whole document's layout in memory, and the memory and time of
# a table grow faster than its rows; a report of thousands of rows is rendered a part at a time instead, and
# the parts' pages and structure trees are joined with pikepdf, so a screen reader still reads one document.
# No part knows the page count, so the page numbers ("Page 3 of 120") are laid over the joined pages at the end,
# as pagination artifacts.


def write_tagged_pdf_in_parts(template, contexts, target, page_style, numbers_style="font-size: 8pt"):
    """Render ``template`` once per context in ``contexts`` (an iterable, consumed one at a time), join the
    parts into one tagged PDF written to ``target`` (a binary file) and number the pages. ``page_style`` is
    the template's ``@page`` size and margins, so the numbers fall in its bottom-right margin. Each part starts
    on a new page. Returns the number of pages."""
    import io

    import pikepdf

    joined = None
    for context in contexts:
        part = pikepdf.open(io.BytesIO(tagged_pdf(template, context)))
        if joined is None:
            joined = part
        else:
            _append_tagged(joined, part)
            part.close()
    if joined is None:
        raise ValueError("A PDF needs at least one part.")
    count = len(joined.pages)
    numbers = pikepdf.open(io.BytesIO(_page_numbers(count, page_style, numbers_style)))
    for page, numbered in zip(joined.pages, numbers.pages, strict=True):
        _lay_over_as_artifact(joined, page, numbered)
    joined.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return count


def _page_numbers(count, page_style, numbers_style):
    """``count`` blank pages of the parts' size, each with "Page n of count" in its bottom-right margin."""
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>'
        f'@page {{ {page_style}; @bottom-right {{ content: "Page " counter(page) " of " counter(pages); '
        f'{numbers_style}; font-family: "DejaVu Sans", sans-serif; }} }}'
        f"div {{ break-after: page; }} div:last-child {{ break-after: auto; }}"
        f"</style></head><body>{'<div></div>' * count}</body></html>"
    )
    return HTML(string=html).write_pdf()


def _lay_over_as_artifact(pdf, page, overlay):
    """Draw ``overlay`` (a page of another PDF) over ``page``, marked as pagination (a screen reader skips it)."""
    import pikepdf

    form = pdf.copy_foreign(overlay.as_form_xobject())
    name = page.add_resource(form, pikepdf.Name.XObject, prefix="PageNumber")
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q " + bytes(name) + b" Do Q EMC\n")


def _append_tagged(joined, part):
    """Append ``part``'s pages to ``joined`` and its structure under ``joined``'s, renumbering the parent tree."""
    import pikepdf

    root = joined.Root.StructTreeRoot
    nums = root.ParentTree.Nums
    offset = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
    part_root = part.Root.StructTreeRoot
    part_nums = part_root.ParentTree.Nums

    def indirect(obj):
        return obj if obj.is_indirect else part.make_indirect(obj)

    # The elements' parents are re-pointed here, so copying them does not drag in the part's whole tree.
    part_top = _single_top(part_root)
    top = _single_top(root)
    merge_into = top if top is not None and part_top is not None and top.S == part_top.S else None
    kids = part_top.K if merge_into is not None else part_root.K
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary):
            del kid.P
    first = len(joined.pages)
    for page in part.pages:
        joined.pages.append(page)
    for page in joined.pages[first:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    parent = merge_into if merge_into is not None else root
    if not isinstance(parent.get("/K"), pikepdf.Array):
        parent.K = pikepdf.Array([parent.K] if "/K" in parent else [])
    for kid in kids:
        copied = joined.copy_foreign(indirect(kid)) if isinstance(kid, pikepdf.Dictionary) else kid
        if isinstance(copied, pikepdf.Dictionary):
            copied.P = parent
        parent.K.append(copied)
    for i in range(0, len(part_nums), 2):
        nums.append(int(part_nums[i]) + offset)
        nums.append(joined.copy_foreign(indirect(part_nums[i + 1])))
    root.ParentTreeNextKey = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _single_top(root):
    """The one element directly under the structure root (WeasyPrint's Document), if there is one."""
    import pikepdf

    kids = root.get("/K")
    if isinstance(kids, pikepdf.Array) and len(kids) == 1 and isinstance(kids[0], pikepdf.Dictionary):
        return kids[0]
    return None
