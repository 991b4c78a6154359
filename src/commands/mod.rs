//! One module per subcommand.

pub mod analyze;
pub mod index;
pub mod related;
pub mod search;
pub mod serve;
