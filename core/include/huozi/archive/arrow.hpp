// Arrow C Data Interface export of archive results, without the Arrow C++
// library: column builders that own their buffers, and export to the
// standard ArrowSchema/ArrowArray structs (https://arrow.apache.org/docs/format/CDataInterface.html).
// A batch is exported as a struct array whose children are the columns
// (the usual record-batch convention); pyarrow, polars, DuckDB… import it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huozi/archive/archive.hpp"

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE
#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4
extern "C" {
struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};
struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};
}
#endif

namespace huozi::archive {

// A column being built: string, int32, int64, float64, bool, list (one
// child) or struct (its fields as children). All columns are nullable.
class Column {
 public:
  enum class Type { kString, kInt32, kInt64, kFloat64, kBool, kList, kStruct };
  Column(std::string name, Type type);
  Column& add(std::string name, Type type);  // a struct field, or a list's item
  Column& child(std::size_t i) { return children_[i]; }
  const std::string& name() const { return name_; }
  Type type() const { return type_; }
  std::int64_t length() const { return length_; }

  void append_null();
  void append(std::string_view s);  // string
  void append(std::int64_t v);      // int32 / int64
  void append(double v);            // float64
  void append_bool(bool v);
  void append_list();    // a list row holding the items appended to child(0) since the last row
  void append_struct();  // a struct row (its fields appended to each child)

  // Sizing mode: appends only count rows and string bytes (no data is
  // written); reserve_like() then sizes a column's buffers exactly from a
  // sized twin, so the buffers are written once, never grown and copied.
  void set_sizing();
  void reserve_like(const Column& sized);

  // Exports the schema (format strings, names, children) and the data; the
  // column's buffers move into the exported array (the Column is left empty).
  void export_schema(ArrowSchema* out) const;
  void export_array(ArrowArray* out) &&;

 private:
  friend struct ArrayExport;
  void valid(bool v);
  std::string name_;
  Type type_;
  std::int64_t length_ = 0;
  std::int64_t null_count_ = 0;
  bool sizing_ = false;
  std::size_t chars_needed_ = 0;  // sizing mode: string bytes appended
  std::vector<std::uint8_t> validity_;
  std::vector<std::int32_t> offsets_{0};  // string and list
  std::string chars_;                     // string
  std::vector<std::int32_t> i32_;
  std::vector<std::int64_t> i64_;
  std::vector<double> f64_;
  std::vector<std::uint8_t> bits_;  // bool
  std::vector<Column> children_;
};

// The columns of a batch of outcomes: articles (one row per article, the
// schema of huozi.archive.SCHEMA in Python) and errors (source, kind,
// message, offset).
struct ArrowBatch {
  Column articles;
  Column errors;
};
ArrowBatch to_arrow(const Batch& batch);

}  // namespace huozi::archive
