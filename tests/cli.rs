//! The command line as maintainers use it: exit codes, usage, and what happens to the
//! output folder. Broken inputs and their messages are the corpus's (tests/corpus.rs).

mod common;
use common::*;

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
fn broken_data_and_a_broken_template_are_reported_in_one_run() {
    let site = fixture("minimal");
    write(site.path(), "data/kommuner/2081-borlange.yaml", "kod: \"2081\"\nnamn: [\n");
    let sok = site.path().join("themes/default/templates/sok.html");
    write(site.path(), "themes/default/templates/sok.html", &(read(&sok) + "{% if %}\n"));
    let (out, public) = build(site.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("data/kommuner/2081-borlange.yaml:"), "{err}");
    assert!(err.contains("themes/default/templates/sok.html:") && err.contains("template error"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert!(!public.exists());
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

#[test]
fn errors_come_before_the_warnings_every_run_repeats() {
    let site = fixture_with(&[("data/po/vasby-test.yaml", "id: vasby-test\nnamn: [\n")]);
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // The fixture's recorded conflict (data/konflikter.yaml) sorts before the broken file
    // by path, but the error is printed first.
    let error = err.find("data/po/vasby-test.yaml:2:7: error:").expect("error");
    let warning = err.find("data/konflikter.yaml:").expect("warning");
    assert!(error < warning, "{err}");
    assert!(err.trim_end().ends_with("1 error(s), 1 warning(s)"), "{err}");
}
