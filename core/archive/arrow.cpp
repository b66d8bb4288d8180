// Arrow C Data Interface export (see huozi/archive/arrow.hpp).
#include "huozi/archive/arrow.hpp"

#include <charconv>
#include <cmath>
#include <deque>

namespace huozi::archive {

Column::Column(std::string name, Type type) : name_(std::move(name)), type_(type) {}

Column& Column::add(std::string name, Type type) {
  children_.emplace_back(std::move(name), type);
  return children_.back();
}

void Column::valid(bool v) {
  if ((length_ & 7) == 0) validity_.push_back(0);
  if (v) validity_.back() |= static_cast<std::uint8_t>(1u << (length_ & 7));
  else ++null_count_;
}

void Column::set_sizing() {
  sizing_ = true;
  for (Column& c : children_) c.set_sizing();
}

void Column::reserve_like(const Column& sized) {
  const auto n = static_cast<std::size_t>(sized.length_);
  validity_.reserve(n / 8 + 1);
  switch (type_) {
    case Type::kString:
      offsets_.reserve(n + 1);
      chars_.reserve(sized.chars_needed_);
      break;
    case Type::kList: offsets_.reserve(n + 1); break;
    case Type::kInt32: i32_.reserve(n); break;
    case Type::kInt64: i64_.reserve(n); break;
    case Type::kFloat64: f64_.reserve(n); break;
    case Type::kBool: bits_.reserve(n / 8 + 1); break;
    case Type::kStruct: break;
  }
  for (std::size_t i = 0; i < children_.size(); ++i) children_[i].reserve_like(sized.children_[i]);
}

void Column::append_null() {
  if (sizing_) {
    if (type_ == Type::kStruct)
      for (Column& c : children_) c.append_null();
    ++length_;
    return;
  }
  switch (type_) {
    case Type::kString: offsets_.push_back(static_cast<std::int32_t>(chars_.size())); break;
    case Type::kList: offsets_.push_back(offsets_.back()); break;
    case Type::kInt32: i32_.push_back(0); break;
    case Type::kInt64: i64_.push_back(0); break;
    case Type::kFloat64: f64_.push_back(0); break;
    case Type::kBool:
      if ((length_ & 7) == 0) bits_.push_back(0);
      break;
    case Type::kStruct:
      for (Column& c : children_) c.append_null();
      break;
  }
  valid(false);
  ++length_;
}

void Column::append(std::string_view s) {
  if (sizing_) {
    chars_needed_ += s.size();
    ++length_;
    return;
  }
  chars_.append(s);
  offsets_.push_back(static_cast<std::int32_t>(chars_.size()));
  valid(true);
  ++length_;
}

void Column::append(std::int64_t v) {
  if (sizing_) {
    ++length_;
    return;
  }
  if (type_ == Type::kInt32) i32_.push_back(static_cast<std::int32_t>(v));
  else i64_.push_back(v);
  valid(true);
  ++length_;
}

void Column::append(double v) {
  if (sizing_) {
    ++length_;
    return;
  }
  f64_.push_back(v);
  valid(true);
  ++length_;
}

void Column::append_bool(bool v) {
  if (sizing_) {
    ++length_;
    return;
  }
  if ((length_ & 7) == 0) bits_.push_back(0);
  if (v) bits_.back() |= static_cast<std::uint8_t>(1u << (length_ & 7));
  valid(true);
  ++length_;
}

void Column::append_list() {
  if (sizing_) {
    ++length_;
    return;
  }
  offsets_.push_back(static_cast<std::int32_t>(children_[0].length()));
  valid(true);
  ++length_;
}

void Column::append_struct() {
  if (sizing_) {
    ++length_;
    return;
  }
  valid(true);
  ++length_;
}

// ---- schema export -------------------------------------------------------------

namespace {

const char* format_of(Column::Type t) {
  switch (t) {
    case Column::Type::kString: return "u";
    case Column::Type::kInt32: return "i";
    case Column::Type::kInt64: return "l";
    case Column::Type::kFloat64: return "g";
    case Column::Type::kBool: return "b";
    case Column::Type::kList: return "+l";
    case Column::Type::kStruct: return "+s";
  }
  return "n";
}

struct SchemaNode {
  std::string name;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_ptrs;
};

void release_schema(ArrowSchema* s) {
  if (!s || !s->release) return;
  auto* node = static_cast<SchemaNode*>(s->private_data);
  for (ArrowSchema& c : node->children)
    if (c.release) c.release(&c);
  delete node;
  s->release = nullptr;
}

}  // namespace

void Column::export_schema(ArrowSchema* out) const {
  auto* node = new SchemaNode;
  node->name = name_;
  node->children.resize(children_.size());
  for (std::size_t i = 0; i < children_.size(); ++i) {
    children_[i].export_schema(&node->children[i]);
    node->child_ptrs.push_back(&node->children[i]);
  }
  out->format = format_of(type_);
  out->name = node->name.c_str();
  out->metadata = nullptr;
  out->flags = ARROW_FLAG_NULLABLE;
  out->n_children = static_cast<std::int64_t>(children_.size());
  out->children = node->child_ptrs.empty() ? nullptr : node->child_ptrs.data();
  out->dictionary = nullptr;
  out->release = release_schema;
  out->private_data = node;
}

// ---- array export ----------------------------------------------------------------

struct ArrayExport {
  Column col;
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_ptrs;
};

namespace {

const void* data_or_dummy(const void* p) {
  static const std::uint64_t dummy[2] = {0, 0};
  return p ? p : dummy;
}

void release_array(ArrowArray* a) {
  if (!a || !a->release) return;
  auto* ex = static_cast<ArrayExport*>(a->private_data);
  for (ArrowArray& c : ex->children)
    if (c.release) c.release(&c);
  delete ex;
  a->release = nullptr;
}

}  // namespace

void Column::export_array(ArrowArray* out) && {
  auto* ex = new ArrayExport{std::move(*this), {}, {}, {}};
  Column& c = ex->col;
  const void* validity = c.null_count_ ? static_cast<const void*>(c.validity_.data()) : nullptr;
  ex->buffers.push_back(validity);
  switch (c.type_) {
    case Type::kString:
      ex->buffers.push_back(c.offsets_.data());
      ex->buffers.push_back(data_or_dummy(c.chars_.data()));
      break;
    case Type::kList: ex->buffers.push_back(c.offsets_.data()); break;
    case Type::kInt32: ex->buffers.push_back(data_or_dummy(c.i32_.data())); break;
    case Type::kInt64: ex->buffers.push_back(data_or_dummy(c.i64_.data())); break;
    case Type::kFloat64: ex->buffers.push_back(data_or_dummy(c.f64_.data())); break;
    case Type::kBool: ex->buffers.push_back(data_or_dummy(c.bits_.data())); break;
    case Type::kStruct: break;
  }
  ex->children.resize(c.children_.size());
  for (std::size_t i = 0; i < c.children_.size(); ++i) {
    std::move(c.children_[i]).export_array(&ex->children[i]);
    ex->child_ptrs.push_back(&ex->children[i]);
  }
  out->length = c.length_;
  out->null_count = c.null_count_;
  out->offset = 0;
  out->n_buffers = static_cast<std::int64_t>(ex->buffers.size());
  out->n_children = static_cast<std::int64_t>(ex->children.size());
  out->buffers = ex->buffers.data();
  out->children = ex->child_ptrs.empty() ? nullptr : ex->child_ptrs.data();
  out->dictionary = nullptr;
  out->release = release_array;
  out->private_data = ex;
}

// ---- results to columns ------------------------------------------------------------

namespace {

using T = Column::Type;

Column article_columns() {
  Column r("", T::kStruct);
  r.add("source", T::kString);
  r.add("date", T::kString);
  r.add("index", T::kInt32);
  r.add("kicker", T::kString);
  r.add("title", T::kString);
  r.add("subtitle", T::kString);
  Column& authors = r.add("authors", T::kList).add("item", T::kStruct);
  authors.add("role", T::kString);
  authors.add("name", T::kString);
  Column& blocks = r.add("blocks", T::kList).add("item", T::kStruct);
  blocks.add("kind", T::kString);
  blocks.add("text", T::kString);
  blocks.add("start", T::kInt64);
  blocks.add("end", T::kInt64);
  Column& fields = r.add("fields", T::kList).add("item", T::kStruct);
  for (const char* n : {"type", "text", "value"}) fields.add(n, T::kString);
  fields.add("number", T::kFloat64);
  fields.add("start", T::kInt64);
  fields.add("end", T::kInt64);
  fields.add("unit", T::kString);
  fields.add("currency", T::kString);
  fields.add("approx", T::kBool);
  r.add("start", T::kInt64);
  r.add("end", T::kInt64);
  r.add("encoding", T::kString);
  r.add("page", T::kString);
  r.add("paper", T::kString);
  r.add("replaced", T::kInt64);
  return r;
}

Column error_columns() {
  Column r("", T::kStruct);
  r.add("source", T::kString);
  r.add("kind", T::kString);
  r.add("message", T::kString);
  r.add("offset", T::kInt64);
  return r;
}

void opt(Column& c, const std::optional<std::string>& s) {
  if (s) c.append(std::string_view(*s));
  else c.append_null();
}

void opt(Column& c, const std::optional<SpannedText>& s) {
  if (s) c.append(std::string_view(s->text));
  else c.append_null();
}

void value_text(Column& c, const FieldValue& v) {
  switch (v.kind) {
    case FieldValue::Kind::kNull: c.append_null(); return;
    case FieldValue::Kind::kString: c.append(std::string_view(v.string)); return;
    case FieldValue::Kind::kNumber: {
      const double x = v.number;
      char buf[64];
      std::to_chars_result r;
      if (x == static_cast<double>(static_cast<long long>(x)) && std::abs(x) < 9e15)
        r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(x));
      else
        r = std::to_chars(buf, buf + sizeof buf, x);
      c.append(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
      return;
    }
  }
}

void fill(ArrowBatch& out, const Batch& batch) {
  Column& r = out.articles;
  for (const Outcome& o : batch.pages) {
    if (o.error) {
      Column& e = out.errors;
      e.child(0).append(std::string_view(o.error->source));
      e.child(1).append(std::string_view(o.error->kind));
      e.child(2).append(std::string_view(o.error->message));
      e.child(3).append(static_cast<std::int64_t>(o.error->offset));
      e.append_struct();
      continue;
    }
    const Page& page = *o.page;
    for (const Article& a : page.articles) {
      r.child(0).append(std::string_view(page.source));
      opt(r.child(1), page.date);
      r.child(2).append(static_cast<std::int64_t>(a.index));
      opt(r.child(3), a.kicker);
      opt(r.child(4), a.title);
      opt(r.child(5), a.subtitle);
      Column& au = r.child(6).child(0);
      for (const Author& x : a.authors) {
        au.child(0).append(std::string_view(x.role));
        au.child(1).append(std::string_view(x.name));
        au.append_struct();
      }
      r.child(6).append_list();
      Column& bl = r.child(7).child(0);
      for (const Block& b : a.blocks) {
        bl.child(0).append(std::string_view(block_kind_name(b.kind)));
        bl.child(1).append(std::string_view(b.text));
        bl.child(2).append(static_cast<std::int64_t>(b.span.start));
        bl.child(3).append(static_cast<std::int64_t>(b.span.end));
        bl.append_struct();
      }
      r.child(7).append_list();
      Column& fi = r.child(8).child(0);
      for (const Field& f : a.fields) {
        fi.child(0).append(std::string_view(field_type_name(f.type)));
        fi.child(1).append(std::string_view(f.text));
        value_text(fi.child(2), f.value);
        if (f.value.kind == FieldValue::Kind::kNumber) fi.child(3).append(f.value.number);
        else fi.child(3).append_null();
        fi.child(4).append(static_cast<std::int64_t>(f.span.start));
        fi.child(5).append(static_cast<std::int64_t>(f.span.end));
        if (f.unit.empty()) fi.child(6).append_null();
        else fi.child(6).append(std::string_view(f.unit));
        if (f.currency.empty()) fi.child(7).append_null();
        else fi.child(7).append(std::string_view(f.currency));
        fi.child(8).append_bool(f.approx);
        fi.append_struct();
      }
      r.child(8).append_list();
      r.child(9).append(static_cast<std::int64_t>(a.span.start));
      r.child(10).append(static_cast<std::int64_t>(a.span.end));
      r.child(11).append(std::string_view(page.encoding));
      opt(r.child(12), o.meta.page);
      opt(r.child(13), o.meta.paper);
      r.child(14).append(static_cast<std::int64_t>(o.replaced));
      r.append_struct();
    }
  }
}

}  // namespace

// Two passes over the batch: one that only counts (rows, string bytes), then
// the real one into buffers of exactly the right size: no buffer grows by
// doubling (copying the text again, holding up to twice its size).
ArrowBatch to_arrow(const Batch& batch) {
  ArrowBatch sized{article_columns(), error_columns()};
  sized.articles.set_sizing();
  sized.errors.set_sizing();
  fill(sized, batch);
  ArrowBatch out{article_columns(), error_columns()};
  out.articles.reserve_like(sized.articles);
  out.errors.reserve_like(sized.errors);
  fill(out, batch);
  return out;
}

}  // namespace huozi::archive
