//! `itinera members import`: a roster (.xlsx, .xls, .ods, .csv) into a delegation, with the
//! same mapping guess, preview and per-row report as the app's import dialog.
//!
//! Exit 0 when the members were imported (or, with `--dry-run`, would be); 2 when any row
//! has a problem (nothing is written unless `--valid-only`) or the file cannot be read.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::EXIT_BAD_INPUT;
use crate::Result;
use crate::model::{Key, Lang};
use crate::roster::{
    self, FIELD_NAMES, ImportMembers, ImportMode, ImportPreview, guess_mapping, parse_mapping_spec,
};
use crate::store::Store;

/// `itinera members …`.
#[derive(Debug, Args)]
pub struct MembersArgs {
    /// What to do with members.
    #[command(subcommand)]
    pub command: MembersCommand,
}

/// The member subcommands.
#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// Import members from a spreadsheet or CSV file (UTF-8, UTF-8 with BOM, or CP949).
    Import(ImportArgs),
}

/// `itinera members import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The delegation receiving the members.
    #[arg(long)]
    pub delegation: Key,
    /// The file: .xlsx, .xls, .ods or .csv.
    pub file: PathBuf,
    /// The workbook sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Column mapping over the guess: `column=field,…`, the column by title or letter,
    /// `column=-` to ignore it. Fields: native_name, romanized_name, title, title_ko,
    /// title_en, precedence, dietary, accessibility, languages, email, phone, notes.
    #[arg(long, value_name = "COL=FIELD,…")]
    pub map: Option<String>,
    /// Show what would be imported; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid rows even when others have problems (default: all or nothing).
    #[arg(long)]
    pub valid_only: bool,
}

/// Runs a members subcommand.
pub async fn run(store: &Store, args: &MembersArgs) -> Result<ExitCode> {
    match &args.command {
        MembersCommand::Import(a) => import(store, a).await,
    }
}

async fn import(store: &Store, args: &ImportArgs) -> Result<ExitCode> {
    let table = roster::read_table_file(&args.file, args.sheet.as_deref())?;
    let mut mapping = guess_mapping(&table.headers);
    if let Some(spec) = &args.map {
        mapping = parse_mapping_spec(spec, &table.headers, mapping)?;
    }
    println!(
        "read {} row(s) from {}{} ({})",
        table.rows.len(),
        args.file.display(),
        table
            .sheet
            .as_deref()
            .map(|s| format!(", sheet '{s}'"))
            .unwrap_or_default(),
        encoding_name(table.encoding)
    );
    for (header, field) in table.headers.iter().zip(&mapping) {
        let field = field
            .and_then(|f| FIELD_NAMES.iter().find(|(_, g)| *g == f))
            .map_or("(ignored)", |(n, _)| n);
        println!("  {header} → {field}");
    }
    let input = ImportMembers {
        delegation: args.delegation.clone(),
        table,
        mapping,
        mode: if args.valid_only {
            ImportMode::ValidRows
        } else {
            ImportMode::AllOrNothing
        },
    };
    let preview = roster::preview_import(store, &input).await?;
    print_preview(&preview);
    let blocked = preview.invalid > 0 && !args.valid_only;
    if args.dry_run || blocked {
        if blocked {
            eprintln!(
                "{} row(s) have problems; nothing was imported (fix them, or use --valid-only)",
                preview.invalid
            );
        } else {
            println!("dry run: nothing was written");
        }
        return Ok(if preview.invalid > 0 {
            ExitCode::from(EXIT_BAD_INPUT)
        } else {
            ExitCode::SUCCESS
        });
    }
    let outcome = roster::import_members(store, &input).await?;
    println!(
        "imported {} member(s) into {}{}",
        outcome.imported.len(),
        args.delegation,
        if outcome.skipped > 0 {
            format!(", {} row(s) left out", outcome.skipped)
        } else {
            String::new()
        }
    );
    Ok(if outcome.skipped > 0 {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_preview(preview: &ImportPreview) {
    for row in &preview.rows {
        let m = &row.member;
        let mark = if row.problems.is_empty() {
            "ok "
        } else {
            "ERR"
        };
        println!(
            "{mark} row {:>3}  #{:<3} {:<28} {:<24} {}",
            row.line,
            m.precedence,
            m.native_name,
            m.romanized_name.as_deref().unwrap_or(""),
            m.title.best(Lang::Ko)
        );
    }
    for line in preview.problem_lines(crate::model::Lang::En) {
        eprintln!("  {line}");
    }
    println!(
        "{} row(s) valid, {} with problems",
        preview.valid, preview.invalid
    );
}

fn encoding_name(e: roster::SourceEncoding) -> &'static str {
    match e {
        roster::SourceEncoding::Spreadsheet => "workbook",
        roster::SourceEncoding::Utf8Bom => "UTF-8 with BOM",
        roster::SourceEncoding::Utf8 => "UTF-8",
        roster::SourceEncoding::Cp949 => "CP949",
        roster::SourceEncoding::Pasted => "pasted text",
    }
}
