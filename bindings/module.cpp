// huozi._core: the pybind11 module. Thin by design: it converts arguments,
// releases the GIL around the C++ work, converts results to Python dicts
// (each text is copied once, into a Python str) and turns Error values into
// huozi.Error exceptions.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <memory>
#include <thread>

#include "huozi/archive/archive.hpp"
#include "huozi/archive/arrow.hpp"
#include "huozi/extract/extract.hpp"
#include "huozi/pipeline.hpp"
#include "huozi/repair/repair.hpp"

namespace py = pybind11;
using namespace huozi;

namespace {

// Exception classes, created at import (see PYBIND11_MODULE below).
PyObject* g_error = nullptr;
PyObject* g_decode_error = nullptr;
PyObject* g_binary_error = nullptr;
PyObject* g_limit_error = nullptr;
PyObject* g_argument_error = nullptr;

PyObject* class_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidUtf8:
    case ErrorCode::kDecodeError:
    case ErrorCode::kUnknownEncoding: return g_decode_error;
    case ErrorCode::kBinaryInput: return g_binary_error;
    case ErrorCode::kLimitExceeded: return g_limit_error;
    case ErrorCode::kInvalidArgument: return g_argument_error;
    case ErrorCode::kIo: return g_error;
  }
  return g_error;
}

[[noreturn]] void raise(const Error& e, const std::string& source) {
  py::object cls = py::reinterpret_borrow<py::object>(class_for(e.code));
  std::string msg = (source.empty() ? std::string() : source + ": ") + e.to_string();
  py::object exc = cls(msg);
  exc.attr("code") = error_code_name(e.code);
  exc.attr("offset") = e.offset;
  exc.attr("source") = source.empty() ? py::object(py::none()) : py::object(py::str(source));
  exc.attr("reason") = e.message;
  PyErr_SetObject(cls.ptr(), exc.ptr());
  throw py::error_already_set();
}

py::str str_of(const std::string& s) { return py::str(s.data(), s.size()); }

py::object opt_text(const std::optional<SpannedText>& t) {
  return t ? py::object(str_of(t->text)) : py::object(py::none());
}

py::dict span_dict(const std::string& text, Span span) {
  py::dict d;
  d["text"] = str_of(text);
  d["start"] = span.start;
  d["end"] = span.end;
  return d;
}

py::object field_value(const FieldValue& v) {
  switch (v.kind) {
    case FieldValue::Kind::kNull: return py::none();
    case FieldValue::Kind::kNumber: {
      double x = v.number;
      if (x == static_cast<double>(static_cast<long long>(x)) && std::abs(x) < 9e15)
        return py::int_(static_cast<long long>(x));
      return py::float_(x);
    }
    case FieldValue::Kind::kString: return str_of(v.string);
  }
  return py::none();
}

py::dict article_dict(const Page& page, const Article& a) {
  py::dict d;
  d["source"] = str_of(page.source);
  d["date"] = page.date ? py::object(str_of(*page.date)) : py::object(py::none());
  d["index"] = a.index;
  d["kicker"] = opt_text(a.kicker);
  d["title"] = opt_text(a.title);
  d["subtitle"] = opt_text(a.subtitle);
  py::list authors;
  for (const Author& au : a.authors) {
    py::dict x;
    x["role"] = str_of(au.role);
    x["name"] = str_of(au.name);
    authors.append(x);
  }
  d["authors"] = authors;
  py::list blocks;
  for (const Block& b : a.blocks) {
    py::dict x;
    x["kind"] = block_kind_name(b.kind);
    x["text"] = str_of(b.text);
    x["start"] = b.span.start;
    x["end"] = b.span.end;
    py::list sentences;
    for (const Span& s : b.sentences) sentences.append(py::make_tuple(s.start, s.end));
    x["sentences"] = sentences;
    blocks.append(x);
  }
  d["blocks"] = blocks;
  py::list fields;
  for (const Field& f : a.fields) {
    py::dict x;
    x["type"] = field_type_name(f.type);
    x["text"] = str_of(f.text);
    x["value"] = field_value(f.value);
    x["start"] = f.span.start;
    x["end"] = f.span.end;
    if (!f.unit.empty()) x["unit"] = str_of(f.unit);
    if (!f.currency.empty()) x["currency"] = str_of(f.currency);
    if (f.approx) x["approx"] = true;
    fields.append(x);
  }
  d["fields"] = fields;
  d["start"] = a.span.start;
  d["end"] = a.span.end;
  // Extras beyond the contract: where kicker/title/subtitle came from, and
  // bylines and datelines as printed (so every character lands somewhere).
  py::list headings;
  auto heading = [&](const char* role, const std::optional<SpannedText>& t) {
    if (!t) return;
    py::dict x = span_dict(t->text, t->span);
    x["role"] = role;
    headings.append(x);
  };
  heading("kicker", a.kicker);
  heading("title", a.title);
  heading("subtitle", a.subtitle);
  d["headings"] = headings;
  py::list credits;
  for (const Credit& c : a.credits) {
    py::dict x = span_dict(c.text, c.span);
    x["kind"] = c.kind == Credit::Kind::kByline ? "byline" : "dateline";
    credits.append(x);
  }
  d["credits"] = credits;
  return d;
}

py::dict page_dict(const Page& page, bool with_text) {
  py::dict d;
  d["source"] = str_of(page.source);
  d["date"] = page.date ? py::object(str_of(*page.date)) : py::object(py::none());
  d["encoding"] = str_of(page.encoding);
  py::list articles;
  for (const Article& a : page.articles) articles.append(article_dict(page, a));
  d["articles"] = articles;
  py::list debris;
  for (const Debris& x : page.debris) {
    py::dict e = span_dict(x.text, x.span);
    e["reason"] = str_of(x.reason);
    debris.append(e);
  }
  d["debris"] = debris;
  if (with_text) d["text"] = str_of(page.text);
  return d;
}

// Python str or bytes → bytes to decode. A str is already Unicode: encode it
// as UTF-8 (surrogates are rejected by Python's codec with a clear error).
struct Input {
  std::string bytes;
  bool from_str = false;
};

Input to_input(const py::handle& obj) {
  Input in;
  if (PyUnicode_Check(obj.ptr())) {
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(obj.ptr(), &n);
    if (p == nullptr) {
      PyErr_Clear();
      py::object cls = py::reinterpret_borrow<py::object>(g_decode_error);
      PyErr_SetString(cls.ptr(), "text contains lone surrogates: not valid Unicode");
      throw py::error_already_set();
    }
    in.bytes.assign(p, static_cast<std::size_t>(n));
    in.from_str = true;
  } else if (PyBytes_Check(obj.ptr()) || PyByteArray_Check(obj.ptr()) || PyObject_CheckBuffer(obj.ptr())) {
    py::buffer_info info = py::reinterpret_borrow<py::buffer>(obj).request();
    in.bytes.assign(static_cast<const char*>(info.ptr), static_cast<std::size_t>(info.size * info.itemsize));
  } else {
    throw py::type_error("expected str or bytes, got " + std::string(py::str(obj.get_type().attr("__name__"))));
  }
  return in;
}

ParseOptions make_options(const std::optional<std::string>& date, const std::optional<std::string>& source,
                          const std::optional<std::string>& encoding, const std::string& errors, bool sentences,
                          bool fields, bool fullwidth_ascii, std::size_t max_page_bytes) {
  ParseOptions o;
  o.date = date;
  if (source) o.source = *source;
  if (encoding) o.decode.encoding = *encoding;
  if (errors == "replace") o.decode.on_error = text::OnDecodeError::kReplace;
  else if (errors != "strict") throw py::value_error("errors must be 'strict' or 'replace'");
  o.sentences = sentences;
  o.fields = fields;
  o.repair.fullwidth_ascii = fullwidth_ascii;
  if (max_page_bytes) o.limits.max_page_bytes = max_page_bytes;
  return o;
}

Result<Page> run_parse(const Input& in, const ParseOptions& o) {
  if (in.from_str) return parse_text(in.bytes, o);
  return parse_page(in.bytes, o);
}

py::dict py_parse(const py::object& data, std::optional<std::string> date, std::optional<std::string> source,
               std::optional<std::string> encoding, std::string errors, bool sentences, bool fields,
               bool fullwidth_ascii, std::size_t max_page_bytes, bool with_text) {
  Input in = to_input(data);
  ParseOptions o = make_options(date, source, encoding, errors, sentences, fields, fullwidth_ascii, max_page_bytes);
  std::optional<Result<Page>> r;
  {
    py::gil_scoped_release release;
    r.emplace(run_parse(in, o));
  }
  if (!r->ok()) raise(r->error(), o.source);
  return page_dict(r->value(), with_text);
}

// Parses many pages on a pool of C++ threads; results in input order. Errors
// come back as {"error": {...}} entries unless raise_errors.
py::list parse_many(const py::list& items, std::optional<std::vector<std::optional<std::string>>> dates,
                    std::optional<std::vector<std::string>> sources, std::optional<int> threads, bool sentences,
                    bool fields, bool raise_errors) {
  const std::size_t n = items.size();
  std::vector<Input> inputs;
  inputs.reserve(n);
  for (const auto& it : items) inputs.push_back(to_input(it));
  if (dates && dates->size() != n) throw py::value_error("dates must have one entry per text");
  if (sources && sources->size() != n) throw py::value_error("sources must have one entry per text");
  std::vector<ParseOptions> opts(n);
  for (std::size_t i = 0; i < n; ++i) {
    opts[i] = make_options(dates ? (*dates)[i] : std::nullopt,
                           sources ? std::optional<std::string>((*sources)[i]) : std::nullopt, std::nullopt,
                           "strict", sentences, fields, false, 0);
  }
  std::vector<std::optional<Result<Page>>> results(n);
  {
    py::gil_scoped_release release;
    unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    unsigned t = threads && *threads > 0 ? static_cast<unsigned>(*threads) : hw;
    t = static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(n, 1)));
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) results[i].emplace(run_parse(inputs[i], opts[i]));
    };
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < t; ++k) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
  }
  py::list out;
  for (std::size_t i = 0; i < n; ++i) {
    if (results[i]->ok()) {
      out.append(page_dict(results[i]->value(), false));
    } else if (raise_errors) {
      raise(results[i]->error(), opts[i].source);
    } else {
      const Error& e = results[i]->error();
      py::dict err;
      err["source"] = str_of(opts[i].source);
      err["kind"] = error_code_name(e.code);
      err["message"] = str_of(e.message);
      err["offset"] = e.offset;
      py::dict wrap;
      wrap["error"] = err;
      out.append(wrap);
    }
  }
  return out;
}

std::string decode_for_repair(const py::object& data) {
  Input in = to_input(data);
  if (in.from_str) return std::move(in.bytes);
  auto d = text::decode_page(in.bytes);
  if (!d.ok()) raise(d.error(), "");
  return std::move(d.value().text);
}

py::str py_repair(const py::object& data, bool fullwidth_ascii) {
  std::string text = decode_for_repair(data);
  std::string out;
  {
    py::gil_scoped_release release;
    repair::RepairOptions o;
    o.fullwidth_ascii = fullwidth_ascii;
    out = repair::render_units(repair::repair_page(text, o));
  }
  return str_of(out);
}

py::dict repair_details(const py::object& data, bool fullwidth_ascii) {
  std::string text = decode_for_repair(data);
  repair::RepairOptions o;
  o.fullwidth_ascii = fullwidth_ascii;
  std::optional<repair::RepairResult> r;
  std::string explain;
  {
    py::gil_scoped_release release;
    r.emplace(repair::repair_page(text, o));
    explain = repair::render_explain(text, *r);
  }
  py::list units;
  for (const auto& u : r->units) {
    py::dict x = span_dict(u.text.text(), u.span);
    x["shape"] = repair::unit_shape_name(u.shape);
    x["break_before"] = repair::break_kind_name(u.break_before);
    x["first_line"] = r->lines[u.first_line].physical;
    x["last_line"] = r->lines[u.last_line].physical;
    x["column_width"] = u.column_width;
    units.append(x);
  }
  py::list decisions;
  for (const auto& dcs : r->decisions) {
    py::dict x;
    x["line"] = r->lines[dcs.line].physical;
    x["next_line"] = r->lines[dcs.next_line].physical;
    x["kind"] = repair::break_kind_name(dcs.kind);
    x["reason"] = repair::break_reason_name(dcs.reason);
    x["column_width"] = dcs.column_width;
    const auto& l = r->lines[dcs.line];
    x["width"] = l.width;
    x["ends_sentence"] = l.ends_sentence;
    x["blanks_after"] = r->lines[dcs.next_line].blanks_before;
    decisions.append(x);
  }
  py::list removals;
  for (const auto& rm : r->removals) {
    py::dict x = span_dict(rm.text, rm.span);
    x["reason"] = rm.reason;
    removals.append(x);
  }
  py::dict d;
  d["units"] = units;
  d["decisions"] = decisions;
  d["removals"] = removals;
  d["explain"] = str_of(explain);
  d["text"] = str_of(text);
  d["squeezed_punctuation"] = r->squeeze;
  return d;
}

py::tuple decode(const py::bytes& data, std::optional<std::string> encoding, std::string errors) {
  std::string bytes = data;
  text::DecodeOptions o;
  if (encoding) o.encoding = *encoding;
  if (errors == "replace") o.on_error = text::OnDecodeError::kReplace;
  std::optional<Result<text::DecodedText>> r;
  {
    py::gil_scoped_release release;
    r.emplace(text::decode_page(bytes, o));
  }
  if (!r->ok()) raise(r->error(), "");
  return py::make_tuple(str_of(r->value().text), r->value().encoding, r->value().replaced);
}


// ---- archive runs ---------------------------------------------------------------
// An archive run streams batches of outcomes from the C++ runner; each batch
// comes back as columns (Python lists, one entry per article) ready for
// pyarrow, plus the batch's error rows. The GIL is released while the runner
// works and while next_batch() waits.

py::object opt_str(const std::optional<std::string>& s) { return s ? py::object(str_of(*s)) : py::object(py::none()); }

py::object value_text(const FieldValue& v) {
  switch (v.kind) {
    case FieldValue::Kind::kNull: return py::none();
    case FieldValue::Kind::kString: return str_of(v.string);
    case FieldValue::Kind::kNumber: {
      double x = v.number;
      if (x == static_cast<double>(static_cast<long long>(x)) && std::abs(x) < 9e15)
        return str_of(std::to_string(static_cast<long long>(x)));
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, x);
      return str_of(std::string(buf, r.ptr));
    }
  }
  return py::none();
}

class ArchiveRun {
 public:
  ArchiveRun(std::vector<std::string> inputs, std::optional<int> threads, const std::string& errors,
             std::size_t batch_pages, std::uint64_t skip, std::optional<std::vector<std::string>> suffixes,
             std::size_t max_in_flight, bool sentences, bool fields, std::uint64_t limit) {
    archive::RunOptions o;
    o.limit = limit;
    if (threads && *threads < 0) throw py::value_error("threads must be >= 0");
    o.threads = threads ? static_cast<unsigned>(*threads) : 0;
    if (errors == "replace") o.on_error = text::OnDecodeError::kReplace;
    else if (errors != "strict") throw py::value_error("errors must be 'strict' or 'replace'");
    o.batch_pages = batch_pages;
    o.skip = skip;
    if (suffixes) o.reader.suffixes = *suffixes;
    o.max_in_flight = max_in_flight;
    o.sentences = sentences;
    o.fields = fields;
    py::gil_scoped_release release;
    runner_ = std::make_unique<archive::ArchiveRunner>(std::move(inputs), o);
  }

  // (columns: dict of lists, errors: list of dicts, pages: int, input_bytes: int) or None at the end.
  py::object next_batch() {
    if (!runner_) return py::none();
    std::optional<archive::Batch> b;
    {
      py::gil_scoped_release release;
      b = runner_->next_batch();
    }
    if (!b) return py::none();
    const char* names[] = {"source", "date", "index", "kicker", "title", "subtitle", "authors", "blocks", "fields",
                           "start", "end", "encoding", "page", "paper", "replaced"};
    constexpr int kCols = sizeof names / sizeof names[0];
    py::list col[kCols];
    py::list errors;
    std::size_t bytes = 0;
    for (const archive::Outcome& o : b->pages) {
      bytes += o.input_bytes;
      if (o.error) {
        py::dict e;
        e["source"] = str_of(o.error->source);
        e["kind"] = str_of(o.error->kind);
        e["message"] = str_of(o.error->message);
        e["offset"] = o.error->offset;
        errors.append(e);
        continue;
      }
      const Page& page = *o.page;
      py::object source = str_of(page.source), date = opt_str(page.date), enc = str_of(page.encoding),
                 label = opt_str(o.meta.page), paper = opt_str(o.meta.paper);
      for (const Article& a : page.articles) {
        col[0].append(source);
        col[1].append(date);
        col[2].append(a.index);
        col[3].append(opt_text(a.kicker));
        col[4].append(opt_text(a.title));
        col[5].append(opt_text(a.subtitle));
        py::list authors;
        for (const Author& au : a.authors) {
          py::dict x;
          x["role"] = str_of(au.role);
          x["name"] = str_of(au.name);
          authors.append(x);
        }
        col[6].append(authors);
        py::list blocks;
        for (const Block& bl : a.blocks) {
          py::dict x;
          x["kind"] = block_kind_name(bl.kind);
          x["text"] = str_of(bl.text);
          x["start"] = bl.span.start;
          x["end"] = bl.span.end;
          blocks.append(x);
        }
        col[7].append(blocks);
        py::list fields;
        for (const Field& f : a.fields) {
          py::dict x;
          x["type"] = field_type_name(f.type);
          x["text"] = str_of(f.text);
          x["value"] = value_text(f.value);
          x["number"] = f.value.kind == FieldValue::Kind::kNumber ? py::object(py::float_(f.value.number))
                                                                   : py::object(py::none());
          x["start"] = f.span.start;
          x["end"] = f.span.end;
          x["unit"] = f.unit.empty() ? py::object(py::none()) : py::object(str_of(f.unit));
          x["currency"] = f.currency.empty() ? py::object(py::none()) : py::object(str_of(f.currency));
          x["approx"] = f.approx;
          fields.append(x);
        }
        col[8].append(fields);
        col[9].append(a.span.start);
        col[10].append(a.span.end);
        col[11].append(enc);
        col[12].append(label);
        col[13].append(paper);
        col[14].append(o.replaced);
      }
    }
    py::dict cols;
    for (int i = 0; i < kCols; ++i) cols[names[i]] = col[i];
    return py::make_tuple(cols, errors, b->pages.size(), bytes);
  }

  // Arrow C Data Interface: ((schema, array) capsules of the articles,
  // (schema, array) capsules of the errors, pages, input bytes) or None.
  // The columns are built in C++ with the GIL released.
  py::object next_arrow() {
    if (!runner_) return py::none();
    std::optional<archive::ArrowBatch> ab;
    std::size_t pages = 0, bytes = 0;
    {
      py::gil_scoped_release release;
      std::optional<archive::Batch> b = runner_->next_batch();
      if (b) {
        pages = b->pages.size();
        for (const auto& o : b->pages) bytes += o.input_bytes;
        ab.emplace(archive::to_arrow(*b));
      }
    }
    if (!ab) return py::none();
    return py::make_tuple(capsules(std::move(ab->articles)), capsules(std::move(ab->errors)), pages, bytes);
  }

  static py::tuple capsules(archive::Column&& col) {
    auto* schema = static_cast<ArrowSchema*>(std::malloc(sizeof(ArrowSchema)));
    auto* array = static_cast<ArrowArray*>(std::malloc(sizeof(ArrowArray)));
    col.export_schema(schema);
    std::move(col).export_array(array);
    py::capsule s(schema, "arrow_schema", [](PyObject* cap) {
      auto* p = static_cast<ArrowSchema*>(PyCapsule_GetPointer(cap, "arrow_schema"));
      if (p && p->release) p->release(p);
      std::free(p);
    });
    py::capsule a(array, "arrow_array", [](PyObject* cap) {
      auto* p = static_cast<ArrowArray*>(PyCapsule_GetPointer(cap, "arrow_array"));
      if (p && p->release) p->release(p);
      std::free(p);
    });
    return py::make_tuple(s, a);
  }

  py::tuple progress() const {
    if (!runner_) return py::make_tuple(0, 0, 0);
    return py::make_tuple(runner_->pages_done(), runner_->bytes_read(), runner_->bytes_total());
  }

  unsigned threads() const { return runner_ ? runner_->threads() : 0; }

  void close() {
    py::gil_scoped_release release;
    runner_.reset();
  }

 private:
  std::unique_ptr<archive::ArchiveRunner> runner_;
};

}  // namespace

// Field extraction on one text (a sentence, a paragraph) without the page
// pipeline; offsets are byte offsets into the text's UTF-8. The year of dates
// printed without one: the date's, else `year`, else the latest full date's
// in the text (as infer_year does for a page).
py::list py_extract_fields(const py::str& text, std::optional<std::string> date, std::optional<int> year) {
  Py_ssize_t n = 0;
  const char* p = PyUnicode_AsUTF8AndSize(text.ptr(), &n);
  if (p == nullptr) throw py::error_already_set();
  const std::string_view s(p, static_cast<std::size_t>(n));
  extract::ExtractContext ctx;
  if (date) {
    ctx.page_date = extract::parse_iso_date(*date);
    if (!ctx.page_date) raise(Error{ErrorCode::kInvalidArgument, 0, "bad date '" + *date + "' (want YYYY-MM-DD)"}, "");
  } else {
    ctx.default_year = year ? *year : extract::infer_year({s});
  }
  const std::vector<extract::FieldMatch> found = extract::extract_fields(s, ctx);
  // Keys and type names made once, dicts built with the C API: a sentence's
  // fields are a few small dicts, and building them through pybind11 accessors
  // would cost more than finding the fields.
  static PyObject* const* keys = [] {
    static PyObject* k[8];
    const char* names[8] = {"type", "text", "value", "start", "end", "unit", "currency", "approx"};
    for (int i = 0; i < 8; ++i) k[i] = PyUnicode_InternFromString(names[i]);
    return k;
  }();
  static PyObject* const* type_names = [] {
    static PyObject* t[static_cast<int>(FieldType::kJump) + 1];
    for (int i = 0; i <= static_cast<int>(FieldType::kJump); ++i)
      t[i] = PyUnicode_InternFromString(field_type_name(static_cast<FieldType>(i)));
    return t;
  }();
  auto set = [](PyObject* d, PyObject* key, PyObject* value) {  // steals value
    if (!value || PyDict_SetItem(d, key, value) < 0) {
      Py_XDECREF(value);
      throw py::error_already_set();
    }
    Py_DECREF(value);
  };
  py::list out(found.size());
  for (std::size_t k = 0; k < found.size(); ++k) {
    const extract::FieldMatch& f = found[k];
    py::object d = py::reinterpret_steal<py::object>(PyDict_New());
    if (!d) throw py::error_already_set();
    PyObject* x = d.ptr();
    PyObject* type = type_names[static_cast<int>(f.type)];
    Py_INCREF(type);
    set(x, keys[0], type);
    set(x, keys[1], PyUnicode_DecodeUTF8(s.data() + f.begin, static_cast<Py_ssize_t>(f.end - f.begin), "strict"));
    set(x, keys[2], field_value(f.value).release().ptr());
    set(x, keys[3], PyLong_FromSize_t(f.begin));
    set(x, keys[4], PyLong_FromSize_t(f.end));
    if (!f.unit.empty())
      set(x, keys[5], PyUnicode_DecodeUTF8(f.unit.data(), static_cast<Py_ssize_t>(f.unit.size()), "strict"));
    if (!f.currency.empty())
      set(x, keys[6], PyUnicode_DecodeUTF8(f.currency.data(), static_cast<Py_ssize_t>(f.currency.size()), "strict"));
    if (f.approx) {
      Py_INCREF(Py_True);
      set(x, keys[7], Py_True);
    }
    out[k] = std::move(d);
  }
  return out;
}

PYBIND11_MODULE(_core, m) {
  m.doc() = "huozi C++ core (use the huozi package, not this module directly)";
  m.attr("__version__") = huozi::version();

  static py::exception<std::runtime_error> base(m, "Error");
  g_error = base.ptr();
  static py::exception<std::runtime_error> decode_error(m, "DecodeError", base.ptr());
  g_decode_error = decode_error.ptr();
  static py::exception<std::runtime_error> binary_error(m, "BinaryInputError", decode_error.ptr());
  g_binary_error = binary_error.ptr();
  static py::exception<std::runtime_error> limit_error(m, "LimitError", base.ptr());
  g_limit_error = limit_error.ptr();
  static py::exception<std::runtime_error> argument_error(m, "InvalidArgumentError", base.ptr());
  g_argument_error = argument_error.ptr();

  m.def("parse", &py_parse, py::arg("data"), py::kw_only(), py::arg("date") = py::none(),
        py::arg("source") = py::none(), py::arg("encoding") = py::none(), py::arg("errors") = "strict",
        py::arg("sentences") = true, py::arg("fields") = true, py::arg("fullwidth_ascii") = false,
        py::arg("max_page_bytes") = 0, py::arg("with_text") = false);
  m.def("parse_many", &parse_many, py::arg("items"), py::kw_only(), py::arg("dates") = py::none(),
        py::arg("sources") = py::none(), py::arg("threads") = py::none(), py::arg("sentences") = true,
        py::arg("fields") = true, py::arg("raise_errors") = false);
  m.def("repair", &py_repair, py::arg("data"), py::kw_only(), py::arg("fullwidth_ascii") = false);
  m.def("repair_details", &repair_details, py::arg("data"), py::kw_only(), py::arg("fullwidth_ascii") = false);
  m.def("decode", &decode, py::arg("data"), py::kw_only(), py::arg("encoding") = py::none(),
        py::arg("errors") = "strict");
  m.def("extract_fields", &py_extract_fields, py::arg("text"), py::kw_only(), py::arg("date") = py::none(),
        py::arg("year") = py::none());
  m.def("date_from_path", [](const std::string& p) { return huozi::date_from_path(p); }, py::arg("path"));
  m.def("meta_from_path", [](const std::string& p) {
    archive::PageMeta m = archive::meta_from_path(p);
    py::dict d;
    d["date"] = opt_str(m.date);
    d["page"] = opt_str(m.page);
    d["paper"] = opt_str(m.paper);
    return d;
  }, py::arg("path"));
  m.def("count_items", [](std::vector<std::string> inputs, std::optional<std::vector<std::string>> suffixes) {
    archive::Reader::Options o;
    if (suffixes) o.suffixes = *suffixes;
    py::gil_scoped_release release;
    archive::Reader r(std::move(inputs), o);
    return r.skip(~std::uint64_t{0});
  }, py::arg("inputs"), py::arg("suffixes") = py::none(),
  "Number of pages (items, error items included) in the inputs, read without decompressing page data where the format allows.");
  py::class_<ArchiveRun>(m, "ArchiveRun")
      .def(py::init<std::vector<std::string>, std::optional<int>, const std::string&, std::size_t, std::uint64_t,
                    std::optional<std::vector<std::string>>, std::size_t, bool, bool, std::uint64_t>(),
           py::arg("inputs"), py::kw_only(), py::arg("threads") = py::none(), py::arg("errors") = "strict",
           py::arg("batch_pages") = 256, py::arg("skip") = 0, py::arg("suffixes") = py::none(),
           py::arg("max_in_flight") = 0, py::arg("sentences") = false, py::arg("fields") = true,
           py::arg("limit") = 0)
      .def("next_batch", &ArchiveRun::next_batch)
      .def("next_arrow", &ArchiveRun::next_arrow)
      .def("progress", &ArchiveRun::progress)
      .def_property_readonly("threads", &ArchiveRun::threads)
      .def("close", &ArchiveRun::close);
}
