#pragma once
// H5Writer: writes an aidcsim results file (HDF5) in the layout documented in README.md:
//   /summary            group; one double attribute per headline metric (NaN = not modelled), plus
//                       string attributes (scenario, grade, aidc_version) and integer ones (seed, ...)
//   /replications       compound dataset, one row per Monte Carlo replication
//   /timeseries/<name>  1-D double datasets with attributes `unit` and `step_s`
//   /tables/<name>      compound datasets for other tables (e.g. a sweep's points)
// The file is produced through commit_file_atomic(): it appears complete or not at all.
// Readable with h5dump and h5py (compound datasets map to numpy structured arrays).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/metrics.hpp"

namespace aidc::tools {

// A column-oriented table: an int64 key column plus named int64, double and text columns of equal length.
// In the compound dataset the fields are ordered key, int_columns, columns, text_columns; text cells are
// fixed-length UTF-8 strings as long as the longest cell (h5py reads them as bytes).
struct Table {
  std::string key_name = "replication";
  std::vector<int64_t> keys;
  std::vector<std::pair<std::string, std::vector<double>>> columns;
  std::vector<std::pair<std::string, std::vector<int64_t>>> int_columns;
  std::vector<std::pair<std::string, std::vector<std::string>>> text_columns;
};

// A file holding one table plus /summary attributes: the layout of sweep results (README.md).
struct TableFile {
  std::vector<std::pair<std::string, std::string>> text_attrs;
  std::vector<std::pair<std::string, int64_t>> int_attrs;
  std::string table_name;
  Table table;
};

struct Series {
  std::string name;
  std::string unit;
  double step_s = 3600.0;
  std::vector<double> values;
};

struct ResultsFile {
  std::string scenario_path;
  uint64_t seed = 0;
  int64_t replications = 0;
  models::Metrics metrics;
  Table replication_table;
  std::vector<Series> timeseries;
  std::vector<std::pair<std::string, Table>> tables;
  std::vector<std::string> notes;  // why a metric is missing (e.g. the job does not fit in memory)
  std::string fingerprint;         // determinism fingerprint (16 hex digits) of the reliability run; "" if none
};

// Writes `results` to `path` atomically. Throws std::runtime_error on HDF5 failures.
void write_results_h5(const std::string& path, const ResultsFile& results);

// Writes /summary (the attributes) and /tables/<table_name> atomically. The bytes depend only on the contents
// (object modification times are not recorded), so equal contents give identical files.
void write_table_file_h5(const std::string& path, const TableFile& file);

// Reads a file written by write_table_file_h5 (or any file with /summary attributes and /tables/<name> of
// int64, double and fixed-length string fields). Throws std::runtime_error naming the file and object.
TableFile read_table_file_h5(const std::string& path, const std::string& table_name);

}  // namespace aidc::tools
