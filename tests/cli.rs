//! The command line as maintainers use it: exit codes, and messages that point at
//! file, line and column with a hint. Each broken input starts from the valid fixture.

mod common;
use common::*;

/// Replaces one file of the minimal fixture, runs `check`, and returns its exit code and stderr.
fn check_with(rel: &str, text: &str) -> (i32, String) {
    let site = fixture("minimal");
    write(site.path(), rel, text);
    let out = check(site.path());
    (out.status.code().unwrap_or(-1), stderr(&out))
}

#[test]
fn valid_site_checks_clean() {
    let site = fixture("minimal");
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The recorded conflict is shown as a warning, which does not fail.
    assert!(
        stderr(&out).contains("data/konflikter.yaml:2:9: warning: sources disagree (habo-stavning)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_and_usage_errors() {
    for args in [&["--help"][..], &["build", "--help"], &["check", "--help"]] {
        let out = katalog(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: katalog"), "{args:?}");
    }
    assert_eq!(katalog(&["bygg"]).status.code(), Some(2));
    assert_eq!(katalog(&["build", "--rot", "x"]).status.code(), Some(2));
    assert_eq!(katalog(&[]).status.code(), Some(2));
}

#[test]
fn unknown_kommun_code_in_an_organisation() {
    let (code, err) = check_with(
        "data/po/vasby-test.yaml",
        "id: vasby-test\nnamn: \"X\"\ndriftsform: entreprenad\nutforare: testforeningen\nkommuner: [\"0114\", \"0116\"]\nkallor: [studie-2012]\nuppdaterad: \"2012\"\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("data/po/vasby-test.yaml:5:20: error: unknown kommun code \"0116\""), "{err}");
    assert!(
        err.contains("hint: did you mean \"0114\" (Upplands Väsby)?")
            || err.contains("hint: did you mean \"0115\" (Vallentuna)?"),
        "{err}"
    );
}

#[test]
fn unknown_key_gets_a_did_you_mean() {
    let (code, err) = check_with(
        "data/kommuner/2081-borlange.yaml",
        "kod: \"2081\"\nnamn: \"Borlänge\"\nwebplats: \"https://x.se\"\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("data/kommuner/2081-borlange.yaml:3:1: error: unknown field `webplats`"), "{err}");
    assert!(err.contains("hint: did you mean `webbplats`?"), "{err}");
}

#[test]
fn wrong_enum_value_lists_the_allowed_ones() {
    let (code, err) = check_with(
        "data/kommuner/0115-vallentuna.yaml",
        "kod: \"0115\"\nnamn: \"Vallentuna\"\npo:\n  status: saknar\n  kallor: [studie-2012]\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("data/kommuner/0115-vallentuna.yaml:4:11: error: unknown variant `saknar`"), "{err}");
    assert!(err.contains("hint: did you mean `saknas`?"), "{err}");
}

#[test]
fn yaml_syntax_error_has_a_position() {
    let (code, err) = check_with("data/kallor.yaml", "kallor:\n  - id: [oavslutad\n");
    assert_eq!(code, 1);
    assert!(err.contains("data/kallor.yaml:2:"), "{err}");
}

#[test]
fn all_problems_are_reported_at_once_and_sorted() {
    let site = fixture("minimal");
    write(site.path(), "data/kommuner/2084-avesta.yaml", "kod: \"2084\"\nnamn: \"Avestad\"\n");
    write(
        site.path(),
        "data/po/dalarna-test.yaml",
        &read(&site.path().join("data/po/dalarna-test.yaml")).replace("rapport-2023]", "rapport-2032]"),
    );
    write(
        site.path(),
        "data/kommuner/0114-upplands-vasby.yaml",
        "kod: \"0114\"\nnamn: \"Upplands Väsby\"\ndmo:\n  status: aktiv\n",
    );
    let out = check(site.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    let expected = [
        "data/kommuner/0114-upplands-vasby.yaml:4:11: error: a DMO status needs a source",
        "data/kommuner/2084-avesta.yaml:2:7: error: name \"Avestad\" differs from the register's \"Avesta\"",
        "data/po/dalarna-test.yaml:23:10: error: unknown source \"rapport-2032\"",
    ];
    let positions: Vec<usize> =
        expected.iter().map(|e| err.find(e).unwrap_or_else(|| panic!("missing {e}\n{err}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "not sorted:\n{err}");
    assert!(err.contains("hint: did you mean \"rapport-2023\"?"), "{err}");
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn a_kommun_in_two_current_organisations_needs_a_recorded_conflict() {
    // Both memberships rest on sources of the same date: neither replaces the other.
    let (code, err) = check_with(
        "data/po/vasby-test.yaml",
        "id: vasby-test\nnamn: \"X\"\ndriftsform: entreprenad\nutforare: testforeningen\nkommuner: [\"0114\", \"2084\"]\nkallor: [rapport-2023]\n",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "data/po/vasby-test.yaml:5:20: error: kommun 2084 is in 2 current organisations: dalarna-test, vasby-test"
        ),
        "{err}"
    );
}

#[test]
fn newer_membership_replaces_older_without_a_conflict() {
    // 2012 membership of vasby-test, 2023 membership of dalarna-test: the older is history.
    let (code, err) = check_with(
        "data/po/vasby-test.yaml",
        "id: vasby-test\nnamn: \"X\"\ndriftsform: entreprenad\nutforare: testforeningen\nkommuner: [\"0114\", \"2084\"]\nkallor: [studie-2012]\n",
    );
    assert_eq!(code, 0, "{err}");
    // A 2012 status beside a 2023 membership is history too, not an error.
    let (code, err) = check_with(
        "data/kommuner/2084-avesta.yaml",
        "kod: \"2084\"\nnamn: \"Avesta\"\npo:\n  status: saknas\n  kallor: [studie-2012]\n",
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn malformed_contact_details() {
    let site = fixture("minimal");
    let po = read(&site.path().join("data/po/dalarna-test.yaml"))
        .replace("https://www.example.se/po?a=1&b=2", "www.example.se")
        .replace("0243-123 45", "ring oss");
    write(site.path(), "data/po/dalarna-test.yaml", &po);
    let err = stderr(&check(site.path()));
    assert!(err.contains("data/po/dalarna-test.yaml:9:9: error: \"www.example.se\" is not a web address"), "{err}");
    assert!(err.contains("data/po/dalarna-test.yaml:10:12: error: \"ring oss\" is not a phone number"), "{err}");
}

#[test]
fn missing_kommun_file_and_missing_required_file() {
    let site = fixture("minimal");
    std::fs::remove_file(site.path().join("data/kommuner/2081-borlange.yaml")).unwrap();
    std::fs::remove_file(site.path().join("data/kallor.yaml")).unwrap();
    let err = stderr(&check(site.path()));
    assert!(err.contains("data/kommuner: error: kommun 2081 Borlänge has no file"), "{err}");
    assert!(err.contains("hint: create data/kommuner/2081-borlange.yaml, or run python3 tools/register.py"), "{err}");
    assert!(err.contains("data/kallor.yaml: error: required file is missing"), "{err}");
}

#[test]
fn binary_and_empty_files_give_clear_errors() {
    let (_, err) = check_with("data/kommuner/2081-borlange.yaml", "kod: \"2081\"\0namn");
    assert!(err.contains("data/kommuner/2081-borlange.yaml: error: file contains NUL bytes"), "{err}");
    let (_, err) = check_with("data/kommuner/2081-borlange.yaml", "");
    assert!(err.contains("data/kommuner/2081-borlange.yaml: error: the file is empty"), "{err}");
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let (code, err) = check_with("data/kommuner/2081-borlange.yaml", "\u{feff}kod: \"2081\"\r\nnamn: \"Borlänge\"\r\n");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let site = fixture("minimal");
    let (first, out) = build(site.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);
    write(site.path(), "data/kommuner/2081-borlange.yaml", "kod: \"2081\"\nnamn: [\n");
    let (second, _) = build(site.path());
    assert_eq!(second.status.code(), Some(1));
    assert!(stderr(&second).contains("nothing written"), "{}", stderr(&second));
    assert_eq!(before, snapshot(&out), "output changed after a failed build");
}

#[test]
fn broken_internal_links_fail_the_build_and_leave_the_output_untouched() {
    let site = fixture("minimal");
    let (first, out) = build(site.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);
    write(
        site.path(),
        "content/om/trasig.md",
        "---\ntitel: \"Trasig\"\nbeskrivning: \"Länkar fel.\"\nordning: 9\n---\n\
         Se [sidan som saknas](/finns-inte/) och [ett ankare](/kallor/#ingen-sadan-kalla).\n",
    );
    let (second, _) = build(site.path());
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(
        err.contains("public/om/trasig/index.html: error: link to /finns-inte/ leads nowhere: the build writes no finns-inte/index.html"),
        "{err}"
    );
    assert!(
        err.contains("public/om/trasig/index.html: error: link to /kallor/#ingen-sadan-kalla: kallor/index.html has no element with id \"ingen-sadan-kalla\""),
        "{err}"
    );
    assert_eq!(before, snapshot(&out), "output changed after a failed build");
    // The pages rendered before the link check went to a staging folder, now removed.
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("katalog-new"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

#[test]
fn check_writes_nothing() {
    let site = fixture("minimal");
    let before = snapshot(site.path());
    assert!(check(site.path()).status.success());
    assert_eq!(before, snapshot(site.path()));
}

#[test]
fn build_refuses_to_replace_a_folder_it_did_not_write() {
    let site = fixture("minimal");
    let precious = site.path().join("dokument");
    write(&precious, "viktigt.txt", "spara mig");
    let out = katalog(&["build", "--root", path_str(site.path()), "--out", path_str(&precious)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("was not written by katalog; refusing to replace it"), "{}", stderr(&out));
    assert_eq!(read(&precious.join("viktigt.txt")), "spara mig");
}

#[test]
fn base_url_on_the_command_line_is_checked_like_bas_url() {
    for bad in ["http://exempel.se", "https://user:pw@exempel.se", "https://exempel.se/?a=1", "exempel.se"] {
        let out = katalog(&["build", "--base-url", bad, "--out", "/nonexistent/never-written"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = stderr(&out);
        assert!(err.contains("cannot be the site's address"), "{bad}: {err}");
    }
}
