from vigil.cases.identifiers import normalise


def test_uk_numbers_in_any_format_are_one_number() -> None:
    forms = ["07700 900123", "+44 7700 900123", "(07700) 900-123", "0044 7700 900123"]
    assert {normalise(f).value for f in forms} == {"+447700900123"}
    assert {normalise(f).kind for f in forms} == {"phone"}


def test_foreign_number_keeps_its_country() -> None:
    assert normalise("+33 6 12 34 56 78").value == "+33612345678"


def test_emails_handles_and_names() -> None:
    assert normalise(" Jo@Mail.COM ") == ("email", "jo@mail.com")
    assert normalise("@Fake_Acc") == ("handle", "@fake_acc")
    assert normalise("Liam   Roper") == ("name", "liam roper")
    assert normalise("12").kind == "other"
