#include "tools/results/h5_writer.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
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

// Creation property lists that do not record object modification times: HDF5 stores them by default, which
// would make two runs with identical results differ byte for byte (resumed sweeps must give the same file).
hid_t untimed(hid_t cls) {
  const hid_t p = H5Pcreate(cls);
  if (p < 0) throw std::runtime_error("HDF5: cannot create a property list");
  if (H5Pset_obj_track_times(p, 0) < 0) {
    H5Pclose(p);
    throw std::runtime_error("HDF5: cannot disable time tracking");
  }
  return p;
}

hid_t make_group(hid_t parent, const char* name) {
  H5Id gcpl(untimed(H5P_GROUP_CREATE), H5Pclose, "group property list");
  return H5Gcreate2(parent, name, H5P_DEFAULT, gcpl.get(), H5P_DEFAULT);
}

hid_t make_dataset(hid_t parent, const std::string& name, hid_t type, hid_t space) {
  H5Id dcpl(untimed(H5P_DATASET_CREATE), H5Pclose, "dataset property list");
  return H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, dcpl.get(), H5P_DEFAULT);
}

void write_table(hid_t parent, const std::string& name, const Table& t) {
  const std::size_t rows = t.keys.size();
  const auto check_len = [&](const std::string& col, std::size_t n) {
    if (n != rows) throw std::runtime_error("table " + name + ": column " + col + " has wrong length");
  };
  for (const auto& c : t.columns) check_len(c.first, c.second.size());
  for (const auto& c : t.int_columns) check_len(c.first, c.second.size());
  for (const auto& c : t.text_columns) check_len(c.first, c.second.size());

  // Field layout: key, int64 columns, double columns, then fixed-length strings.
  std::vector<std::size_t> text_size;
  for (const auto& c : t.text_columns) {
    std::size_t n = 1;
    for (const auto& cell : c.second) n = std::max(n, cell.size());
    text_size.push_back(n);
  }
  std::size_t row_bytes = sizeof(int64_t) * (1 + t.int_columns.size()) + sizeof(double) * t.columns.size();
  for (std::size_t n : text_size) row_bytes += n;
  H5Id mem(H5Tcreate(H5T_COMPOUND, row_bytes), H5Tclose, "compound type");
  std::vector<std::unique_ptr<H5Id>> string_types;
  std::size_t off = 0;
  check(H5Tinsert(mem.get(), t.key_name.c_str(), off, H5T_NATIVE_INT64), "insert key");
  off += sizeof(int64_t);
  for (const auto& c : t.int_columns) {
    check(H5Tinsert(mem.get(), c.first.c_str(), off, H5T_NATIVE_INT64), "insert column " + c.first);
    off += sizeof(int64_t);
  }
  for (const auto& c : t.columns) {
    check(H5Tinsert(mem.get(), c.first.c_str(), off, H5T_NATIVE_DOUBLE), "insert column " + c.first);
    off += sizeof(double);
  }
  for (std::size_t i = 0; i < t.text_columns.size(); ++i) {
    string_types.push_back(std::make_unique<H5Id>(H5Tcopy(H5T_C_S1), H5Tclose, "string type"));
    const hid_t st = string_types.back()->get();
    check(H5Tset_size(st, text_size[i]), "set string size");
    check(H5Tset_strpad(st, H5T_STR_NULLPAD), "set string padding");
    check(H5Tset_cset(st, H5T_CSET_UTF8), "set charset");
    check(H5Tinsert(mem.get(), t.text_columns[i].first.c_str(), off, st), "insert column " + t.text_columns[i].first);
    off += text_size[i];
  }
  std::vector<unsigned char> buf(row_bytes * rows, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    unsigned char* row = buf.data() + r * row_bytes;
    std::size_t o = 0;
    std::memcpy(row + o, &t.keys[r], sizeof(int64_t));
    o += sizeof(int64_t);
    for (const auto& c : t.int_columns) {
      std::memcpy(row + o, &c.second[r], sizeof(int64_t));
      o += sizeof(int64_t);
    }
    for (const auto& c : t.columns) {
      std::memcpy(row + o, &c.second[r], sizeof(double));
      o += sizeof(double);
    }
    for (std::size_t i = 0; i < t.text_columns.size(); ++i) {
      const std::string& cell = t.text_columns[i].second[r];
      std::memcpy(row + o, cell.data(), cell.size());
      o += text_size[i];
    }
  }
  const hsize_t dims[1] = {static_cast<hsize_t>(rows)};
  H5Id space(H5Screate_simple(1, dims, nullptr), H5Sclose, "dataspace");
  H5Id ds(make_dataset(parent, name, mem.get(), space.get()), H5Dclose, name.c_str());
  if (rows > 0) check(H5Dwrite(ds.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), "write " + name);
}

void write_series(hid_t parent, const Series& s) {
  const hsize_t dims[1] = {static_cast<hsize_t>(s.values.size())};
  H5Id space(H5Screate_simple(1, dims, nullptr), H5Sclose, "dataspace");
  H5Id ds(make_dataset(parent, s.name, H5T_IEEE_F64LE, space.get()), H5Dclose, s.name.c_str());
  if (!s.values.empty()) {
    check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, s.values.data()), "write " + s.name);
  }
  attr_string(ds.get(), "unit", s.unit);
  attr_double(ds.get(), "step_s", s.step_s);
}

void write_all(const std::string& tmp, const ResultsFile& r) {
  H5Id file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, tmp.c_str());
  {
    H5Id g(make_group(file.get(), "summary"), H5Gclose, "/summary");
    for (const auto& [key, mv] : r.metrics.entries()) {
      attr_double(g.get(), key, mv.value ? *mv.value : std::numeric_limits<double>::quiet_NaN());
      if (mv.ci95_half_width) attr_double(g.get(), key + "_ci95", *mv.ci95_half_width);
    }
    attr_string(g.get(), "grade", r.metrics.grade.value_or(""));
    attr_string(g.get(), "scenario", r.scenario_path);
    attr_string(g.get(), "aidc_version", "0.1.0");
    attr_int(g.get(), "seed", static_cast<int64_t>(r.seed));
    attr_int(g.get(), "replications", r.replications);
    if (!r.fingerprint.empty()) attr_string(g.get(), "fingerprint", r.fingerprint);
    std::string notes;
    for (const auto& n : r.notes) notes += (notes.empty() ? "" : "\n") + n;
    attr_string(g.get(), "notes", notes);
  }
  write_table(file.get(), "replications", r.replication_table);
  {
    H5Id g(make_group(file.get(), "timeseries"), H5Gclose, "/timeseries");
    for (const auto& s : r.timeseries) write_series(g.get(), s);
  }
  if (!r.tables.empty()) {
    H5Id g(make_group(file.get(), "tables"), H5Gclose, "/tables");
    for (const auto& [name, t] : r.tables) write_table(g.get(), name, t);
  }
  check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "flush");
}

void write_table_file(const std::string& tmp, const TableFile& f) {
  H5Id file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, tmp.c_str());
  {
    H5Id g(make_group(file.get(), "summary"), H5Gclose, "/summary");
    for (const auto& [k, v] : f.text_attrs) attr_string(g.get(), k, v);
    for (const auto& [k, v] : f.int_attrs) attr_int(g.get(), k, v);
  }
  {
    H5Id g(make_group(file.get(), "tables"), H5Gclose, "/tables");
    write_table(g.get(), f.table_name, f.table);
  }
  check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "flush");
}

// Attribute iteration callback: collects /summary's string and integer attributes in creation order.
herr_t collect_attr(hid_t loc, const char* name, const H5A_info_t*, void* data) {
  auto* f = static_cast<TableFile*>(data);
  H5Id attr(H5Aopen(loc, name, H5P_DEFAULT), H5Aclose, name);
  H5Id type(H5Aget_type(attr.get()), H5Tclose, "attribute type");
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls == H5T_STRING) {
    if (H5Tis_variable_str(type.get()) > 0) return 0;  // not written by aidc
    std::string v(H5Tget_size(type.get()), '\0');
    check(H5Aread(attr.get(), type.get(), v.data()), std::string("read attribute ") + name);
    v.resize(std::strlen(v.c_str()));
    f->text_attrs.emplace_back(name, v);
  } else if (cls == H5T_INTEGER) {
    int64_t v = 0;
    check(H5Aread(attr.get(), H5T_NATIVE_INT64, &v), std::string("read attribute ") + name);
    f->int_attrs.emplace_back(name, v);
  }
  return 0;
}

}  // namespace

void write_table_file_h5(const std::string& path, const TableFile& file) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  commit_file_atomic(path, [&](const std::string& tmp) { write_table_file(tmp, file); });
}

TableFile read_table_file_h5(const std::string& path, const std::string& table_name) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const auto fail = [&](const std::string& what) -> std::runtime_error {
    return std::runtime_error(path + ": " + what);
  };
  if (H5Fis_hdf5(path.c_str()) <= 0) throw fail("not an HDF5 file (or it cannot be read)");
  const hid_t fid = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (fid < 0) throw fail("cannot open");
  H5Id file(fid, H5Fclose, path.c_str());
  TableFile out;
  out.table_name = table_name;
  {
    const hid_t gid = H5Gopen2(file.get(), "summary", H5P_DEFAULT);
    if (gid < 0) throw fail("no /summary group");
    H5Id g(gid, H5Gclose, "/summary");
    hsize_t idx = 0;
    if (H5Aiterate2(g.get(), H5_INDEX_NAME, H5_ITER_NATIVE, &idx, collect_attr, &out) < 0) {
      throw fail("cannot read /summary attributes");
    }
  }
  const std::string ds_path = "/tables/" + table_name;
  if (H5Lexists(file.get(), "/tables", H5P_DEFAULT) <= 0 || H5Lexists(file.get(), ds_path.c_str(), H5P_DEFAULT) <= 0) {
    throw fail("no dataset " + ds_path);
  }
  H5Id ds(H5Dopen2(file.get(), ds_path.c_str(), H5P_DEFAULT), H5Dclose, ds_path.c_str());
  H5Id ftype(H5Dget_type(ds.get()), H5Tclose, "dataset type");
  if (H5Tget_class(ftype.get()) != H5T_COMPOUND) throw fail(ds_path + " is not a table");
  H5Id space(H5Dget_space(ds.get()), H5Sclose, "dataspace");
  if (H5Sget_simple_extent_ndims(space.get()) != 1) throw fail(ds_path + " is not one-dimensional");
  hsize_t dims[1] = {0};
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  const std::size_t rows = dims[0];
  const int members = H5Tget_nmembers(ftype.get());
  if (members < 1) throw fail(ds_path + " has no fields");
  // Read field by field into native memory types, so the file's layout and byte order do not matter.
  for (int m = 0; m < members; ++m) {
    char* raw_name = H5Tget_member_name(ftype.get(), static_cast<unsigned>(m));
    const std::string name = raw_name ? raw_name : "";
    H5free_memory(raw_name);
    H5Id mtype(H5Tget_member_type(ftype.get(), static_cast<unsigned>(m)), H5Tclose, "member type");
    const H5T_class_t cls = H5Tget_class(mtype.get());
    if (cls == H5T_INTEGER) {
      std::vector<int64_t> v(rows);
      H5Id t(H5Tcreate(H5T_COMPOUND, sizeof(int64_t)), H5Tclose, "compound");
      check(H5Tinsert(t.get(), name.c_str(), 0, H5T_NATIVE_INT64), "insert " + name);
      if (rows) check(H5Dread(ds.get(), t.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), path + ": read " + name);
      if (m == 0) {
        out.table.key_name = name;
        out.table.keys = std::move(v);
      } else {
        out.table.int_columns.emplace_back(name, std::move(v));
      }
    } else if (cls == H5T_FLOAT) {
      if (m == 0) throw fail(ds_path + ": the first field must be the integer key");
      std::vector<double> v(rows);
      H5Id t(H5Tcreate(H5T_COMPOUND, sizeof(double)), H5Tclose, "compound");
      check(H5Tinsert(t.get(), name.c_str(), 0, H5T_NATIVE_DOUBLE), "insert " + name);
      if (rows) check(H5Dread(ds.get(), t.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), path + ": read " + name);
      out.table.columns.emplace_back(name, std::move(v));
    } else if (cls == H5T_STRING && H5Tis_variable_str(mtype.get()) <= 0) {
      if (m == 0) throw fail(ds_path + ": the first field must be the integer key");
      const std::size_t n = H5Tget_size(mtype.get());
      std::vector<char> buf(n * rows);
      H5Id st(H5Tcopy(mtype.get()), H5Tclose, "string type");
      H5Id t(H5Tcreate(H5T_COMPOUND, n), H5Tclose, "compound");
      check(H5Tinsert(t.get(), name.c_str(), 0, st.get()), "insert " + name);
      if (rows) check(H5Dread(ds.get(), t.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), path + ": read " + name);
      std::vector<std::string> v(rows);
      for (std::size_t r = 0; r < rows; ++r) {
        const char* cell = buf.data() + r * n;
        v[r].assign(cell, strnlen(cell, n));
      }
      out.table.text_columns.emplace_back(name, std::move(v));
    } else {
      throw fail(ds_path + ": field '" + name + "' has a type aidc does not write");
    }
  }
  return out;
}

void write_results_h5(const std::string& path, const ResultsFile& results) {
  // HDF5 prints its own error stack on failure; we report errors through exceptions instead.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  commit_file_atomic(path, [&](const std::string& tmp) { write_all(tmp, results); });
}

}  // namespace aidc::tools
