#include "tools/results/h5_writer.hpp"

#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "tools/results/atomic_file.hpp"

namespace aidc::tools {
namespace {

// RAII for HDF5 identifiers: every id is closed with its own close function, even on exceptions.
class H5Id {
 public:
  H5Id(hid_t id, herr_t (*closer)(hid_t), const char* what) : id_(id), closer_(closer) {
    if (id_ < 0) throw std::runtime_error(std::string("HDF5: cannot create ") + what);
  }
  H5Id(const H5Id&) = delete;
  H5Id& operator=(const H5Id&) = delete;
  ~H5Id() { closer_(id_); }
  hid_t get() const { return id_; }

 private:
  hid_t id_;
  herr_t (*closer_)(hid_t);
};

void check(herr_t rc, const std::string& what) {
  if (rc < 0) throw std::runtime_error("HDF5: " + what + " failed");
}

void attr_double(hid_t obj, const std::string& name, double v) {
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose, "dataspace");
  H5Id attr(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
            name.c_str());
  check(H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &v), "write attribute " + name);
}

void attr_int(hid_t obj, const std::string& name, int64_t v) {
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose, "dataspace");
  H5Id attr(H5Acreate2(obj, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
            name.c_str());
  check(H5Awrite(attr.get(), H5T_NATIVE_INT64, &v), "write attribute " + name);
}

void attr_string(hid_t obj, const std::string& name, const std::string& v) {
  H5Id type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  check(H5Tset_size(type.get(), v.empty() ? 1 : v.size()), "set string size");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set charset");
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose, "dataspace");
  H5Id attr(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose, name.c_str());
  const std::string data = v.empty() ? std::string(1, '\0') : v;
  check(H5Awrite(attr.get(), type.get(), data.data()), "write attribute " + name);
}

void write_table(hid_t parent, const std::string& name, const Table& t) {
  const std::size_t rows = t.keys.size();
  for (const auto& c : t.columns) {
    if (c.second.size() != rows)
      throw std::runtime_error("table " + name + ": column " + c.first + " has wrong length");
  }
  const std::size_t row_bytes = sizeof(int64_t) + sizeof(double) * t.columns.size();
  H5Id mem(H5Tcreate(H5T_COMPOUND, row_bytes), H5Tclose, "compound type");
  check(H5Tinsert(mem.get(), t.key_name.c_str(), 0, H5T_NATIVE_INT64), "insert key");
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    check(H5Tinsert(mem.get(), t.columns[c].first.c_str(), sizeof(int64_t) + c * sizeof(double), H5T_NATIVE_DOUBLE),
          "insert column " + t.columns[c].first);
  }
  std::vector<unsigned char> buf(row_bytes * rows);
  for (std::size_t r = 0; r < rows; ++r) {
    unsigned char* row = buf.data() + r * row_bytes;
    std::memcpy(row, &t.keys[r], sizeof(int64_t));
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      std::memcpy(row + sizeof(int64_t) + c * sizeof(double), &t.columns[c].second[r], sizeof(double));
    }
  }
  const hsize_t dims[1] = {static_cast<hsize_t>(rows)};
  H5Id space(H5Screate_simple(1, dims, nullptr), H5Sclose, "dataspace");
  H5Id ds(H5Dcreate2(parent, name.c_str(), mem.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
          name.c_str());
  if (rows > 0) check(H5Dwrite(ds.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), "write " + name);
}

void write_series(hid_t parent, const Series& s) {
  const hsize_t dims[1] = {static_cast<hsize_t>(s.values.size())};
  H5Id space(H5Screate_simple(1, dims, nullptr), H5Sclose, "dataspace");
  H5Id ds(H5Dcreate2(parent, s.name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
          H5Dclose, s.name.c_str());
  if (!s.values.empty()) {
    check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, s.values.data()), "write " + s.name);
  }
  attr_string(ds.get(), "unit", s.unit);
  attr_double(ds.get(), "step_s", s.step_s);
}

void write_all(const std::string& tmp, const ResultsFile& r) {
  H5Id file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, tmp.c_str());
  {
    H5Id g(H5Gcreate2(file.get(), "summary", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "/summary");
    for (const auto& [key, mv] : r.metrics.entries()) {
      attr_double(g.get(), key, mv.value ? *mv.value : std::numeric_limits<double>::quiet_NaN());
      if (mv.ci95_half_width) attr_double(g.get(), key + "_ci95", *mv.ci95_half_width);
    }
    attr_string(g.get(), "grade", r.metrics.grade.value_or(""));
    attr_string(g.get(), "scenario", r.scenario_path);
    attr_string(g.get(), "aidc_version", "0.1.0");
    attr_int(g.get(), "seed", static_cast<int64_t>(r.seed));
    attr_int(g.get(), "replications", r.replications);
    std::string notes;
    for (const auto& n : r.notes) notes += (notes.empty() ? "" : "\n") + n;
    attr_string(g.get(), "notes", notes);
  }
  write_table(file.get(), "replications", r.replication_table);
  {
    H5Id g(H5Gcreate2(file.get(), "timeseries", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "/timeseries");
    for (const auto& s : r.timeseries) write_series(g.get(), s);
  }
  if (!r.tables.empty()) {
    H5Id g(H5Gcreate2(file.get(), "tables", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "/tables");
    for (const auto& [name, t] : r.tables) write_table(g.get(), name, t);
  }
  check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "flush");
}

}  // namespace

void write_results_h5(const std::string& path, const ResultsFile& results) {
  // HDF5 prints its own error stack on failure; we report errors through exceptions instead.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  commit_file_atomic(path, [&](const std::string& tmp) { write_all(tmp, results); });
}

}  // namespace aidc::tools
