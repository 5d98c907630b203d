//! The `strata` binary: argument parsing and dispatch. Everything else lives in the library.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
