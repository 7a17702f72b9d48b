"""Which spellings of an address land in one inbox (a participant may not name herself as her supervisor)."""

import pytest

from pd_platform.accounts.addresses import domain_of, is_plain, mailbox, same_mailbox


@pytest.mark.parametrize(
    "address, inbox",
    [
        ("Carol.Diaz+boss@Riverside.K12.CA.US", "carol.diaz@riverside.k12.ca.us"),
        ("carol.diaz@riverside.k12.ca.us.", "carol.diaz@riverside.k12.ca.us"),
        ("c.a.r.o.l+pd@googlemail.com", "carol@gmail.com"),
        ("Carol@Gmail.com", "carol@gmail.com"),
    ],
)
def test_one_inbox_whatever_the_spelling(address, inbox):
    assert mailbox(address) == inbox


def test_dots_count_outside_gmail_and_another_person_is_another_inbox():
    assert not same_mailbox("c.arol@riverside.k12.ca.us", ["carol@riverside.k12.ca.us"])
    assert not same_mailbox("carolyn@riverside.k12.ca.us", ["carol@riverside.k12.ca.us"])
    assert same_mailbox("carol+x@riverside.k12.ca.us", ["someone@else.org", "CAROL@riverside.k12.ca.us"])


def test_quoting_and_routing_are_not_plain_addresses():
    assert is_plain("o'brien@district.org") and is_plain("carol.diaz+pd@district.org")
    for address in ['"carol"@district.org', "carol%district.org@relay.org", "relay!carol@district.org"]:
        assert not is_plain(address), address
    assert domain_of("Carol@District.ORG.") == "district.org"
