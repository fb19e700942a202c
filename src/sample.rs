//! The sample plan offered on first run: two overlapping visits that share venues and hosts.
//!
//! It is `examples/office-sample.json`, compiled in so the app needs no files beside it; the
//! test suite imports and exports it like any other plan.

use crate::plan::{self, Plan};
use crate::{Error, Result};

/// The text of the sample plan.
pub const SAMPLE_JSON: &str = include_str!("../examples/office-sample.json");

/// The sample plan, checked and normalised.
pub fn sample_plan() -> Result<Plan> {
    plan::read(SAMPLE_JSON, None).map_err(Error::InvalidPlan)
}
