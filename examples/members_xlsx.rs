//! Writes `examples/members/delegation-6.xlsx`, the six-member roster the end-to-end flow
//! imports: `cargo run --example members_xlsx`. The workbook is built by the same code the
//! roster tests use, and a test checks the committed file still reads to those members.

#[path = "../tests/it/roster_fixture.rs"]
mod roster_fixture;

fn main() -> std::io::Result<()> {
    let out =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/members/delegation-6.xlsx");
    std::fs::create_dir_all(out.parent().unwrap_or(std::path::Path::new(".")))?;
    std::fs::write(&out, roster_fixture::six_members_xlsx())?;
    println!("wrote {}", out.display());
    Ok(())
}
