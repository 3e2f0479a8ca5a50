//! Promises in README.md that stay true only if a test reads them.

mod common;
use common::*;
use std::collections::BTreeSet;

/// The rows of README's "Dependencies, and why" table.
fn dependency_rows(readme: &str) -> Vec<String> {
    let section = readme.split("## Dependencies, and why").nth(1).expect("the dependencies section");
    let rows = section.lines().skip_while(|l| !l.starts_with('|')).take_while(|l| l.starts_with('|'));
    rows.skip(2).map(String::from).collect()
}

/// The crate names in a row's first column: `a`, `b` (tests only).
fn crates_of(row: &str) -> Vec<String> {
    let first = row.split('|').nth(1).unwrap_or("");
    first.split('`').skip(1).step_by(2).map(String::from).collect()
}

#[test]
fn the_dependency_table_lists_every_direct_dependency_and_no_other() {
    let manifest: toml::Table = read(&repo().join("Cargo.toml")).parse().expect("Cargo.toml");
    let rows = dependency_rows(&read(&repo().join("README.md")));
    let mut declared = BTreeSet::new();
    for (section, tests_only) in [("dependencies", false), ("dev-dependencies", true)] {
        for name in manifest[section].as_table().expect(section).keys() {
            let row = rows.iter().find(|r| crates_of(r).contains(name));
            let row = row.unwrap_or_else(|| panic!("README's dependency table does not list `{name}` ([{section}])"));
            assert_eq!(row.contains("(tests only)"), tests_only, "`{name}` is in [{section}]: {row}");
            assert!(row.split('|').nth(2).is_some_and(|why| why.trim().len() > 10), "no reason for `{name}`: {row}");
            declared.insert(name.clone());
        }
    }
    let listed: BTreeSet<String> = rows.iter().flat_map(|r| crates_of(r)).collect();
    let stale: Vec<_> = listed.difference(&declared).collect();
    assert!(stale.is_empty(), "README lists crates Cargo.toml does not depend on: {stale:?}");
}
