//! The `kg` binary: a thin shell over [`kg::cli`].
#![forbid(unsafe_code)]

/// Measured (bench/SCALE.md): malloc and free were a sixth of the CPU of
/// a 100k-article ingest with glibc's allocator (extraction threads
/// allocate each article's results, the writer thread frees them); with
/// mimalloc the ingest takes about 16% less CPU.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(kg::cli::main());
}
