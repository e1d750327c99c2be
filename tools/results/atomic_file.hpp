#pragma once
// Atomic output files: everything aidcsim writes goes to "<target>.tmp.<pid>" in the target's directory,
// is flushed and fsync'ed, then rename()d over the target. rename() within one filesystem is atomic on
// POSIX, so a reader (or a crash, or SIGKILL) sees either the old file, the complete new file, or no
// file — never a half-written one. A temp file left by a killed process has a distinct name and is
// never mistaken for a result.
#include <functional>
#include <string>

namespace aidc::tools {

// Path of the temporary file used for `target` by this process.
std::string temp_path_for(const std::string& target);

// Removes "<target>.tmp.<pid>" files whose process no longer runs (left by a writer killed mid-write), so that
// no partial output outlives the run that replaces it. Called by every atomic write before it starts.
void remove_stale_temps(const std::string& target);

// Writes `contents` to `target` atomically. Throws std::runtime_error on any I/O failure (the temp file
// is removed).
void write_file_atomic(const std::string& target, const std::string& contents);

// Calls `write(tmp_path)` to produce the file (e.g. through the HDF5 library), then fsyncs and renames
// it over `target`. If `write` throws, the temp file is removed and the exception propagates.
void commit_file_atomic(const std::string& target, const std::function<void(const std::string&)>& write);

}  // namespace aidc::tools
