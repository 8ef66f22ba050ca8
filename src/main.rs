//! The `kg` binary: a thin shell over [`kg::cli`].
#![forbid(unsafe_code)]

fn main() {
    std::process::exit(kg::cli::main());
}
