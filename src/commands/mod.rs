//! One module per subcommand.

pub mod analyze;
pub mod index;
pub mod search;
pub mod serve;
