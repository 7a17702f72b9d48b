"""The PDF/UA-1 structure rules a program can check, read with pikepdf (an outside PDF library), and what the
outside checker ``pdfua`` finds (``outside_checker_problems``).

``pdf_ua_problems(content)`` lists what breaks them, as sentences; an empty list passes:

- the catalog names a language (/Lang), the viewer shows the document's title (DisplayDocTitle)
  and there is a title (Info /Title or XMP dc:title), and the file says it is tagged (MarkInfo);
- every piece of marked content on a page is either an artifact or belongs to a structure
  element (its MCID is in the parent tree, and that element lists the MCID among its kids);
- no content is painted outside marked content (text, paths, images, shadings);
- the structure tree is consistent both ways: each element's /P is the element whose /K holds
  it, every element the parent tree names is reachable from the root, and each link annotation's
  /StructParent names an element that refers back to it;
- lists nest as L -> LI -> Lbl / LBody (a nested L may stand beside the LIs);
- every Figure has alternate text (/Alt or /ActualText).

``poppler_structure(content)`` is the same file as poppler (another outside reader) sees it:
``pdfinfo -struct-text`` output, for cross-checks."""

import io
import re
import shutil
import subprocess

import pikepdf
import pytest

PAINTING = {
    "Tj",
    "TJ",
    "'",
    '"',
    "S",
    "s",
    "f",
    "F",
    "f*",
    "B",
    "B*",
    "b",
    "b*",
    "Do",
    "sh",
    "BI",
}
LIST_ITEM_KIDS = {"/Lbl", "/LBody"}
LIST_KIDS = {"/LI", "/Caption", "/L"}


def _kids(element):
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(obj):
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


def _title(pdf):
    info_title = str(pdf.trailer.get("/Info", {}).get("/Title", "")).strip() if "/Info" in pdf.trailer else ""
    with pdf.open_metadata() as meta:
        xmp_title = (meta.get("dc:title") or "").strip()
    return info_title or xmp_title


def pdf_ua_problems(content: bytes) -> list[str]:
    problems = []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root
        if not str(root.get("/Lang", "")).strip():
            problems.append("the catalog names no language (/Lang)")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            problems.append("DisplayDocTitle is not set")
        if not _title(pdf):
            problems.append("the document has no title")
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
            problems.append("MarkInfo /Marked is not true")
        if "/StructTreeRoot" not in root:
            return [*problems, "no structure tree"]
        tree = root.StructTreeRoot
        problems += _tree_problems(pdf, tree)
    return problems + outside_checker_problems(content)


def outside_checker_problems(content: bytes) -> list[str]:
    """What the ``pdfua`` package (written by others: the machine-checkable subset of PDF/UA-1's Matterhorn
    Protocol) finds: its errors and warnings, as sentences. A rule it could not evaluate is not a finding."""
    import tempfile

    from pdfua import Severity, validate

    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        report = validate(file.name)
    return [
        f"pdfua {finding.rule_id} ({finding.location.describe()}): {finding.message}"
        for finding in report.findings
        if finding.severity in (Severity.ERROR, Severity.WARNING)
    ]


def _tree_problems(pdf, tree):
    problems = []
    page_index = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    reachable = set()  # objgen of every element reachable from the root
    owned = {}  # (page number, mcid) -> objgen of the element whose /K holds the MCID

    def walk(element, parent, page):
        if element.objgen in reachable:
            problems.append(f"{element.S} is reached twice in the structure tree")
            return
        reachable.add(element.objgen)
        if element.get("/P") is None or element.P.objgen != parent.objgen:
            problems.append(f"{element.S}'s /P is not the element whose /K holds it")
        page = page_index.get(element.Pg.objgen, page) if "/Pg" in element else page
        tag = str(element.S)
        kid_tags = [str(kid.S) for kid in _kids(element) if _is_element(kid)]
        if tag == "/L" and (odd := [t for t in kid_tags if t not in LIST_KIDS]):
            problems.append(f"a list (L) holds {', '.join(odd)} instead of list items (LI)")
        if tag == "/LI" and (odd := [t for t in kid_tags if t not in LIST_ITEM_KIDS]):
            problems.append(f"a list item (LI) holds {', '.join(odd)} instead of Lbl / LBody")
        if tag == "/LI" and parent.get("/S") != "/L":
            problems.append(f"a list item (LI) stands in {parent.get('/S')}, not in a list (L)")
        if tag in ("/Lbl", "/LBody") and parent.get("/S") != "/LI":
            problems.append(f"{tag[1:]} stands in {parent.get('/S')}, not in a list item (LI)")
        if tag == "/Figure" and not (str(element.get("/Alt", "")).strip() or str(element.get("/ActualText", ""))):
            problems.append("a Figure has no alternate text")
        for kid in _kids(element):
            if isinstance(kid, int):
                owned[(page, int(kid))] = element.objgen
            elif _is_element(kid):
                walk(kid, element, page)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                kid_page = page_index.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                owned[(kid_page, int(kid.MCID))] = element.objgen

    for top in _kids(tree):
        if _is_element(top):
            walk(top, tree, None)

    parent_tree = _number_tree(tree.get("/ParentTree"))
    for n, page in enumerate(pdf.pages):
        marked = _marked_content(page, n, problems)
        key = page.obj.get("/StructParents")
        entries = parent_tree.get(int(key)) if key is not None else None
        entries = list(entries) if isinstance(entries, pikepdf.Array) else []
        for mcid in marked:
            holder = entries[mcid] if mcid < len(entries) else None
            if not isinstance(holder, pikepdf.Dictionary):
                problems.append(f"page {n + 1}: marked content {mcid} is neither an artifact nor in the parent tree")
                continue
            if holder.objgen not in reachable:
                chain = _ancestors(holder)
                problems.append(
                    f"page {n + 1}: marked content {mcid} belongs to {holder.get('/S')} "
                    f"(under {' < '.join(chain)}), which its parent does not list among its children"
                )
            elif owned.get((n, mcid)) != holder.objgen:
                problems.append(f"page {n + 1}: marked content {mcid}'s parent-tree element does not list it")
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") in ("/Link", "/Widget") and _shown(annotation, page):
                problems += _annotation_problems(annotation, parent_tree, reachable, n)
        for page_mcid, _holder in owned.items():
            if page_mcid[0] == n and page_mcid[1] not in marked:
                problems.append(f"page {n + 1}: the tree names marked content {page_mcid[1]}, which the page lacks")
    return problems


def _shown(annotation, page):
    """PDF/UA asks structure of an annotation a reader can meet: not one flagged hidden, nor one whose box
    lies wholly outside the page's crop box (a box of no size at a corner of the page still counts as on it)."""
    if int(annotation.get("/F", 0)) & 0b10:
        return False
    crop = [float(v) for v in page.obj.get("/CropBox", page.obj.get("/MediaBox"))]
    x0, y0, x1, y1 = (float(v) for v in annotation.get("/Rect", [0, 0, 0, 0]))
    left, right, bottom, top = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return not (right < crop[0] or left > crop[2] or top < crop[1] or bottom > crop[3])


def _annotation_problems(annotation, parent_tree, reachable, n):
    """A link or form field is tagged: its /StructParent names an element in the tree that holds an
    object reference (OBJR) to it."""
    key = annotation.get("/StructParent")
    holder = parent_tree.get(int(key)) if key is not None else None
    if not isinstance(holder, pikepdf.Dictionary) or holder.objgen not in reachable:
        return [f"page {n + 1}: a {annotation.Subtype} annotation is not in the structure tree"]
    refers = [
        kid
        for kid in _kids(holder)
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and kid.Obj.objgen == annotation.objgen
    ]
    return [] if refers else [f"page {n + 1}: the element a {annotation.Subtype} names does not refer back to it"]


def _ancestors(element):
    chain, seen = [], set()
    parent = element.get("/P")
    while isinstance(parent, pikepdf.Dictionary) and parent.objgen not in seen:
        seen.add(parent.objgen)
        chain.append(str(parent.get("/S", parent.get("/Type", "?"))))
        parent = parent.get("/P")
    return chain


def _number_tree(node):
    values = {}
    if node is None:
        return values
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            values[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        values.update(_number_tree(kid))
    return values


def _marked_content(page, n, problems):
    """MCIDs used on a page (its content stream and the form XObjects it draws), and a problem
    for any painting outside marked content."""
    mcids = []

    def read(instructions, where, depth_at_start):
        stack = [] if depth_at_start is None else list(depth_at_start)
        unmarked = 0
        for operands, operator in instructions:
            op = str(operator)
            if op == "BDC":
                tag, props = operands[0], operands[1]
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                stack.append("artifact" if tag == "/Artifact" else ("mcid" if mcid is not None else "other"))
                if mcid is not None and tag != "/Artifact":
                    mcids.append(int(mcid))
            elif op == "BMC":
                stack.append("artifact" if operands[0] == "/Artifact" else "other")
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in PAINTING:
                if not any(kind in ("artifact", "mcid") for kind in stack):
                    unmarked += 1
                if op == "Do":
                    xobject = where.get("/Resources", {}).get("/XObject", {}).get(operands[0])
                    if xobject is not None and xobject.get("/Subtype") == "/Form":
                        read(pikepdf.parse_content_stream(xobject), xobject, stack)
        if unmarked:
            problems.append(f"page {n + 1}: {unmarked} painting operators outside marked content")

    read(pikepdf.parse_content_stream(page), page.obj, None)
    return mcids


def poppler_structure(content: bytes) -> str:
    """The structure tree with each element's text, as poppler's pdfinfo reads it."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo missing (apt-get install poppler-utils); .ci/run installs it")
    result = subprocess.run(["pdfinfo", "-struct-text", "-"], input=content, capture_output=True, check=True)
    return result.stdout.decode()


def poppler_tagged_text(content: bytes) -> str:
    """All text poppler finds in the structure tree, joined (whitespace squeezed)."""
    quoted = re.findall(r'^\s*"(.*)"$', poppler_structure(content), flags=re.MULTILINE)
    return re.sub(r"\s+", " ", " ".join(quoted))


def poppler_list_problems(content: bytes) -> list[str]:
    """The list rule as poppler reads the tree (``pdfinfo -struct``): each L holds LI (or a nested
    L, or a Caption), each LI holds Lbl or LBody."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo missing (apt-get install poppler-utils); .ci/run installs it")
    lines = subprocess.run(["pdfinfo", "-struct", "-"], input=content, capture_output=True, check=True).stdout
    stack, problems = [], []  # (indent, tag) of the open ancestors
    for line in lines.decode().splitlines():
        match = re.match(r"^( *)([A-Za-z][A-Za-z0-9]*)\b", line)
        if not match or line.strip().startswith("/"):
            continue
        indent, tag = len(match.group(1)), match.group(2)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        if parent == "L" and tag not in ("LI", "L", "Caption"):
            problems.append(f"poppler reads {tag} inside a list (L)")
        if parent == "LI" and tag not in ("Lbl", "LBody"):
            problems.append(f"poppler reads {tag} inside a list item (LI)")
        if tag == "LI" and parent != "L":
            problems.append(f"poppler reads a list item (LI) inside {parent}")
        stack.append((indent, tag))
    return problems


def assert_pdf_ua(content: bytes):
    """The PDF passes the structure rules above, read by pikepdf and, for lists, by poppler."""
    problems = pdf_ua_problems(content) + poppler_list_problems(content)
    assert not problems, "PDF/UA structure: " + "; ".join(problems)
