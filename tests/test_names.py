"""The top-level-label question the forgotten-trailing-dot rule asks of every MX record."""

from __future__ import annotations

from mxlint.names import _encoded_idn_top_level_labels, _is_top_level, _top_level_labels


def _labels_as_read_before() -> frozenset[bytes]:
    """The set as it was built before the lazy encoding: every top-level label of the ICANN
    section, ASCII as written, the others IDNA-encoded."""
    from publicsuffixlist import PSLFILE

    labels = set()
    with open(PSLFILE, encoding="utf-8") as handle:
        for line in handle:
            if "END ICANN DOMAINS" in line:
                break
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            label = line.rsplit(".", 1)[-1]
            try:
                labels.add(label.encode("ascii") if label.isascii() else label.encode("idna"))
            except UnicodeError:
                continue
    return frozenset(labels)


def test_an_idn_top_level_label_in_ace_form_is_recognised() -> None:
    assert _is_top_level(b"xn--p1ai")  # .рф
    assert _is_top_level(b"XN--P1AI")
    assert _is_top_level(b"com") and _is_top_level(b"UK")


def test_labels_that_are_not_top_level_domains_are_not() -> None:
    for label in (b"mail", b"internal", b"xn--bcher-kva", b"xn--", b"xn--zz", b"", "рф".encode()):
        assert not _is_top_level(label), label


def test_the_answers_are_those_of_encoding_every_label() -> None:
    expected = _labels_as_read_before()
    ascii_labels, unicode_labels = _top_level_labels()
    assert len(ascii_labels) > 1000 and len(unicode_labels) > 100
    encoded = _encoded_idn_top_level_labels()
    assert ascii_labels | encoded == expected
    assert all(label.startswith(b"xn--") for label in encoded)  # what lets an ASCII label skip encoding them
    assert all(_is_top_level(label) for label in expected)
    near_misses = [label[:-1] for label in expected] + [label + b"a" for label in expected]
    assert [label for label in near_misses if _is_top_level(label)] == [label for label in near_misses if label.lower() in expected]
