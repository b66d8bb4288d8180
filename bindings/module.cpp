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
#include <cstdint>
#include <cstring>
#include <memory>
#include <thread>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

#include "huozi/archive/archive.hpp"
#include "huozi/archive/arrow.hpp"
#include "huozi/extract/extract.hpp"
#include "huozi/parallel.hpp"
#include "huozi/pipeline.hpp"
#include "huozi/repair/repair.hpp"
#include "huozi/segment/tokenize.hpp"
#include "huozi/text/cpu.hpp"
#include "huozi/text/utf8.hpp"

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

py::str str_of_page(std::string_view s);

// A text as a Python str. Texts of a few words go to CPython's decoder;
// longer ones (titles, paragraphs, sentences, pages) to str_of_page, which
// makes the same str with a fraction of the instructions.
py::str str_of(std::string_view s) {
  if (s.size() < 48) return py::str(s.data(), s.size());
  return str_of_page(s);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// Decodes the run of three-byte sequences with lead bytes E1-EC, EE, EF that
// starts at p, five (fifteen bytes) from each sixteen-byte read (the last
// read keeps those before the run's end), into o, and moves both past what it
// decoded: every byte checked against the pattern
// lead, continuation, continuation (1110xxxx 10xxxxxx 10xxxxxx) and no lead
// E0 or ED (whose ranges hold overlong forms and surrogates). Writes eight
// units at o, which needs room for end - p.
[[gnu::target("avx2")]] void decode_han_run_avx2(const unsigned char*& p, const unsigned char* end,
                                                 std::uint16_t*& o) {
  const __m128i mask = _mm_setr_epi8(-16, -64, -64, -16, -64, -64, -16, -64, -64, -16, -64, -64, -16, -64, -64, 0);
  const __m128i want = _mm_setr_epi8(-32, -128, -128, -32, -128, -128, -32, -128, -128, -32, -128, -128, -32, -128,
                                     -128, 0);
  const __m128i e0 = _mm_set1_epi8(static_cast<char>(0xE0)), ed = _mm_set1_epi8(static_cast<char>(0xED));
  // Into 16-bit lanes: the two continuation bytes (last in the low byte), the lead byte.
  const __m128i conts = _mm_setr_epi8(2, 1, 5, 4, 8, 7, 11, 10, 14, 13, -1, -1, -1, -1, -1, -1);
  const __m128i leads = _mm_setr_epi8(0, -1, 3, -1, 6, -1, 9, -1, 12, -1, -1, -1, -1, -1, -1, -1);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int shaped = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, mask), want));
    const int e0_or_ed = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, e0), _mm_cmpeq_epi8(v, ed)));
    const unsigned fit = static_cast<unsigned>(shaped) & ~static_cast<unsigned>(e0_or_ed) & 0x7FFFu;
    const __m128i c = _mm_shuffle_epi8(v, conts);
    const __m128i l = _mm_shuffle_epi8(v, leads);
    const __m128i cp = _mm_or_si128(
        _mm_or_si128(_mm_and_si128(c, _mm_set1_epi16(0x3F)), _mm_srli_epi16(_mm_and_si128(c, _mm_set1_epi16(0x3F00)), 2)),
        _mm_slli_epi16(l, 12));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o), cp);
    if (fit != 0x7FFFu) {  // the run ends inside these fifteen bytes: keep the sequences before its end
      const int good = __builtin_ctz(~fit) / 3;
      o += good;
      p += 3 * good;
      return;
    }
    o += 5;
    p += 15;
  }
}
#endif

// Decodes the UTF-8 of s into out (room for s.size() code units) and returns
// how many it wrote, or -1 if s is not valid UTF-8 or holds a character beyond
// U+FFFF; *bits gets the OR of the characters written (which tells the
// narrowest kind of str that holds them).
std::ptrdiff_t decode_bmp(std::string_view s, std::uint16_t* out, unsigned* bits) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  std::uint16_t* o = out;
  unsigned acc = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  const bool use_avx2 = text::cpu_has_avx2();
#endif
  while (p < end) {
    const unsigned b = *p;
    if (b < 0x80) {
      *o++ = static_cast<std::uint16_t>(b);
      ++p;
      continue;
    }
    // Han and full-width punctuation: three-byte sequences whose lead byte
    // (E1-EC, EE, EF) needs no check for an overlong form or a surrogate;
    // runs of them five at a time where the processor has AVX2.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (use_avx2) {
      std::uint16_t* const run_start = o;
      decode_han_run_avx2(p, end, o);
      if (o != run_start) {
        acc |= 0x800;  // each at least U+0800
        continue;
      }
    }
#endif
    if (end - p >= 4) {
      std::uint32_t w;
      std::memcpy(&w, p, 4);
      if ((w & 0xC0C0F0u) == 0x8080E0u && ((0xDFFEu >> (w & 0xFu)) & 1u)) {
        const unsigned cp = (w & 0xFu) << 12 | (w >> 2 & 0xFC0u) | (w >> 16 & 0x3Fu);
        *o++ = static_cast<std::uint16_t>(cp);
        acc |= cp;
        p += 3;
        continue;
      }
    }
    unsigned cp;
    if (b >= 0xC2 && b < 0xE0 && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
      cp = (b & 0x1F) << 6 | (p[1] & 0x3F);
      p += 2;
    } else if (b >= 0xE0 && b < 0xF0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      cp = (b & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
      p += 3;
    } else {
      return -1;  // a four-byte sequence or bytes that are not UTF-8
    }
    *o++ = static_cast<std::uint16_t>(cp);
    acc |= cp;
  }
  *bits = acc;
  return o - out;
}

// The Python str of s, as str_of makes it, for a whole page of text. CPython's
// UTF-8 decoder starts narrow and widens its buffer as wider characters come
// (for a Chinese page: Latin-1, then UCS-2, then a shrink at the end), about a
// sixth of what huozi.repair costs from Python; here the page is decoded once
// into 16-bit units, the str made at its final size and kind and filled from
// them. A character beyond U+FFFF (rare in print) or bytes that are not valid
// UTF-8 go to CPython's decoder, which decodes the one and raises on the other
// as str_of does.
py::str str_of_page(std::string_view s) {
  std::uint16_t on_stack[1024];  // a paragraph's worth; a page gets the heap
  std::unique_ptr<std::uint16_t[]> on_heap;
  std::uint16_t* units = on_stack;
  if (s.size() + 1 > std::size(on_stack)) {
    on_heap.reset(new std::uint16_t[s.size() + 1]);
    units = on_heap.get();
  }
  unsigned bits = 0;
  const std::ptrdiff_t n = decode_bmp(s, units, &bits);
  if (n < 0) return py::str(s.data(), s.size());
  const Py_UCS4 widest = bits >= 0x100 ? 0xFFFF : bits >= 0x80 ? 0xFF : 0x7F;
  PyObject* obj = PyUnicode_New(n, widest);
  if (obj == nullptr) throw py::error_already_set();
  if (widest == 0xFFFF) {
    std::memcpy(PyUnicode_2BYTE_DATA(obj), units, static_cast<std::size_t>(n) * 2);
  } else {
    Py_UCS1* narrow = PyUnicode_1BYTE_DATA(obj);
    for (std::ptrdiff_t k = 0; k < n; ++k) narrow[k] = static_cast<Py_UCS1>(units[k]);
  }
  return py::reinterpret_steal<py::str>(obj);
}

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

// An article's authors and blocks as lists of dicts (the contract's shape),
// shared by the page dicts and the archive columns.
py::list authors_list(const Article& a) {
  py::list authors;
  for (const Author& au : a.authors) {
    py::dict x;
    x["role"] = str_of(au.role);
    x["name"] = str_of(au.name);
    authors.append(x);
  }
  return authors;
}

py::list blocks_list(const Article& a, bool sentences) {
  py::list blocks;
  for (const Block& b : a.blocks) {
    py::dict x;
    x["kind"] = block_kind_name(b.kind);
    x["text"] = str_of(b.text);
    x["start"] = b.span.start;
    x["end"] = b.span.end;
    if (sentences) {
      py::list spans;
      for (const Span& sp : b.sentences) spans.append(py::make_tuple(sp.start, sp.end));
      x["sentences"] = spans;
    }
    blocks.append(x);
  }
  return blocks;
}

py::dict article_dict(const Page& page, const Article& a) {
  py::dict d;
  d["source"] = str_of(page.source);
  d["date"] = page.date ? py::object(str_of(*page.date)) : py::object(py::none());
  d["index"] = a.index;
  d["kicker"] = opt_text(a.kicker);
  d["title"] = opt_text(a.title);
  d["subtitle"] = opt_text(a.subtitle);
  d["authors"] = authors_list(a);
  d["blocks"] = blocks_list(a, /*sentences=*/true);
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
  std::optional<Error> error;  // a str that is not valid Unicode (parse_many reports it as an error row)
};

// The UTF-8 byte offset of the first lone surrogate of a str (its position if
// every character before it is encoded as UTF-8).
std::size_t surrogate_offset(const py::handle& obj) {
  const Py_ssize_t n = PyUnicode_GetLength(obj.ptr());
  std::size_t at = 0;
  for (Py_ssize_t k = 0; k < n; ++k) {
    const Py_UCS4 c = PyUnicode_ReadChar(obj.ptr(), k);
    if (c >= 0xD800 && c <= 0xDFFF) break;
    at += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return at;
}

Input to_input(const py::handle& obj, bool raise_bad_str = true) {
  Input in;
  if (PyUnicode_Check(obj.ptr())) {
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(obj.ptr(), &n);
    if (p == nullptr) {
      PyErr_Clear();
      Error e{ErrorCode::kInvalidUtf8, surrogate_offset(obj), "text contains a lone surrogate: not valid Unicode"};
      if (raise_bad_str) raise(e, "");
      in.from_str = true;
      in.error = std::move(e);
      return in;
    }
    in.bytes.assign(p, static_cast<std::size_t>(n));
    in.from_str = true;
  } else if (PyBytes_Check(obj.ptr()) || PyByteArray_Check(obj.ptr()) || PyObject_CheckBuffer(obj.ptr())) {
    py::buffer_info info = py::reinterpret_borrow<py::buffer>(obj).request();
    in.bytes.assign(static_cast<const char*>(info.ptr), static_cast<std::size_t>(info.size * info.itemsize));
  } else {
    throw py::type_error(std::string("expected str or bytes, got ") + Py_TYPE(obj.ptr())->tp_name);
  }
  return in;
}

// Limits from Python: None keeps the default, 0 means no limit, a negative
// value is an InvalidArgumentError.
struct LimitArgs {
  std::optional<long long> max_page_bytes, max_line_bytes, max_lines, max_fields_per_article;
};

void set_limit(std::size_t& slot, const std::optional<long long>& v, const char* name) {
  if (!v) return;
  if (*v < 0) raise(Error{ErrorCode::kInvalidArgument, 0, std::string(name) + " must be >= 0 (0: no limit)"}, "");
  slot = static_cast<std::size_t>(*v);
}

// The deinterleave argument of the Python API: True (every page gets the
// full test), False (never) or "auto" (the default: pages a cheap look finds
// interleaved; see repair::Deinterleave).
repair::Deinterleave deinterleave_mode(const py::object& v) {
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>() ? repair::Deinterleave::kOn : repair::Deinterleave::kOff;
  if (py::isinstance<py::str>(v) && v.cast<std::string>() == "auto") return repair::Deinterleave::kAuto;
  throw py::value_error("deinterleave must be True, False or 'auto'");
}

ParseOptions make_options(const std::optional<std::string>& date, const std::optional<std::string>& source,
                          const std::optional<std::string>& encoding, const std::string& errors, bool sentences,
                          bool fields, bool fullwidth_ascii, const LimitArgs& limits = {},
                          repair::Deinterleave deinterleave = repair::Deinterleave::kAuto) {
  ParseOptions o;
  o.date = date;
  if (source) o.source = *source;
  if (encoding) o.decode.encoding = *encoding;
  if (errors == "replace") o.decode.on_error = text::OnDecodeError::kReplace;
  else if (errors != "strict") throw py::value_error("errors must be 'strict' or 'replace'");
  o.sentences = sentences;
  o.fields = fields;
  o.repair.fullwidth_ascii = fullwidth_ascii;
  o.repair.deinterleave = deinterleave;
  set_limit(o.limits.max_page_bytes, limits.max_page_bytes, "max_page_bytes");
  set_limit(o.limits.max_line_bytes, limits.max_line_bytes, "max_line_bytes");
  set_limit(o.limits.max_lines, limits.max_lines, "max_lines");
  set_limit(o.limits.max_fields_per_article, limits.max_fields_per_article, "max_fields_per_article");
  return o;
}

Result<Page> run_parse(const Input& in, const ParseOptions& o) {
  if (in.error) return *in.error;
  if (in.from_str) return parse_text(in.bytes, o);
  return parse_page(in.bytes, o);
}

py::dict py_parse(const py::object& data, std::optional<std::string> date, std::optional<std::string> source,
               std::optional<std::string> encoding, std::string errors, bool sentences, bool fields,
               bool fullwidth_ascii, std::optional<long long> max_page_bytes, std::optional<long long> max_line_bytes,
               std::optional<long long> max_lines, std::optional<long long> max_fields_per_article, bool with_text,
               const py::object& deinterleave) {
  Input in = to_input(data);
  ParseOptions o = make_options(date, source, encoding, errors, sentences, fields, fullwidth_ascii,
                                LimitArgs{max_page_bytes, max_line_bytes, max_lines, max_fields_per_article},
                                deinterleave_mode(deinterleave));
  std::optional<Result<Page>> r;
  {
    py::gil_scoped_release release;
    r.emplace(run_parse(in, o));
  }
  if (!r->ok()) raise(r->error(), o.source);
  py::dict d = page_dict(r->value(), with_text);
  d["replaced"] = r->value().replaced;  // not a contract key: huozi.Page keeps it aside
  return d;
}

// The pages of parse_many, parsed on a pool of C++ threads (GIL released),
// with the options each was parsed with; results in input order.
struct ManyResults {
  std::vector<ParseOptions> opts;
  std::vector<std::optional<Result<Page>>> results;
};

ManyResults run_many(const py::list& items, const std::optional<std::vector<std::optional<std::string>>>& dates,
                     const std::optional<std::vector<std::string>>& sources, std::optional<int> threads,
                     bool sentences, bool fields, const LimitArgs& limits, bool fullwidth_ascii,
                     const py::object& deinterleave) {
  const repair::Deinterleave mode = deinterleave_mode(deinterleave);
  const std::size_t n = items.size();
  std::vector<Input> inputs;
  inputs.reserve(n);
  for (const auto& it : items) inputs.push_back(to_input(it, /*raise_bad_str=*/false));
  if (dates && dates->size() != n) throw py::value_error("dates must have one entry per text");
  if (sources && sources->size() != n) throw py::value_error("sources must have one entry per text");
  ManyResults m;
  m.opts.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    m.opts[i] = make_options(dates ? (*dates)[i] : std::nullopt,
                             sources ? std::optional<std::string>((*sources)[i]) : std::nullopt, std::nullopt,
                             "strict", sentences, fields, fullwidth_ascii, limits, mode);
  }
  m.results.resize(n);
  {
    py::gil_scoped_release release;
    parallel_for(n, threads, [&](std::size_t i) { m.results[i].emplace(run_parse(inputs[i], m.opts[i])); });
  }
  return m;
}

// Parses many pages on a pool of C++ threads; results in input order. Errors
// come back as {"error": {...}} entries unless raise_errors.
py::list parse_many(const py::list& items, std::optional<std::vector<std::optional<std::string>>> dates,
                    std::optional<std::vector<std::string>> sources, std::optional<int> threads, bool sentences,
                    bool fields, bool raise_errors, std::optional<long long> max_page_bytes,
                    std::optional<long long> max_line_bytes, std::optional<long long> max_lines,
                    std::optional<long long> max_fields_per_article,
                    bool fullwidth_ascii, const py::object& deinterleave) {
  ManyResults m = run_many(items, dates, sources, threads, sentences, fields,
                           LimitArgs{max_page_bytes, max_line_bytes, max_lines, max_fields_per_article},
                           fullwidth_ascii, deinterleave);
  py::list out;
  for (std::size_t i = 0; i < m.results.size(); ++i) {
    const Result<Page>& r = *m.results[i];
    if (r.ok()) {
      out.append(page_dict(r.value(), false));
    } else if (raise_errors) {
      raise(r.error(), m.opts[i].source);
    } else {
      const Error& e = r.error();
      py::dict err;
      err["source"] = str_of(m.opts[i].source);
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

// The page huozi.repair works on: a str's own UTF-8 (a view: the str cannot
// change and the caller holds it while repair runs without the GIL), or the
// page's bytes decoded (held in owned), or a str's UTF-8 made here (encoded).
struct RepairInput {
  std::string owned;
  std::unique_ptr<char[]> encoded;  // see encode_ucs2
  std::string_view view;            // into the str or encoded, when is_view
  bool is_view = false;
  std::string_view text() const { return is_view ? view : std::string_view(owned); }
};

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// Encodes the run of characters U+0800..U+FFFF but no surrogate (Han,
// full-width punctuation) that starts at in[k], eight at a time (the last
// eight keep those before the run's end), into o
// (three bytes each: 1110xxxx 10xxxxxx 10xxxxxx, lead first), and moves k and
// o past it. Writes 32 bytes at o, which needs room for 3 * (n - k) + 8.
[[gnu::target("avx2")]] void encode_han_run_avx2(const Py_UCS2* in, Py_ssize_t n, Py_ssize_t& k,
                                                 unsigned char*& o) {
  const __m128i below = _mm_set1_epi16(0x7FF), top5 = _mm_set1_epi16(static_cast<short>(0xF800)),
                surrogate = _mm_set1_epi16(static_cast<short>(0xD800)), six = _mm_set1_epi16(0x3F),
                cont = _mm_set1_epi16(0x80), lead = _mm_set1_epi16(0xE0);
  // From [lead 0-7, middle 0-7] and [last 0-7]: bytes lead, middle, last per character.
  const __m128i first16_a = _mm_setr_epi8(0, 8, -1, 1, 9, -1, 2, 10, -1, 3, 11, -1, 4, 12, -1, 5);
  const __m128i first16_b = _mm_setr_epi8(-1, -1, 0, -1, -1, 1, -1, -1, 2, -1, -1, 3, -1, -1, 4, -1);
  const __m128i last8_a = _mm_setr_epi8(13, -1, 6, 14, -1, 7, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const __m128i last8_b = _mm_setr_epi8(-1, 5, -1, -1, 6, -1, -1, 7, -1, -1, -1, -1, -1, -1, -1, -1);
  while (n - k >= 8) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + k));
    const __m128i bad = _mm_or_si128(_mm_cmpeq_epi16(_mm_min_epu16(c, below), c),
                                     _mm_cmpeq_epi16(_mm_and_si128(c, top5), surrogate));
    const unsigned bad_bytes = static_cast<unsigned>(_mm_movemask_epi8(bad));
    const __m128i hi = _mm_or_si128(_mm_srli_epi16(c, 12), lead);
    const __m128i mid = _mm_or_si128(_mm_and_si128(_mm_srli_epi16(c, 6), six), cont);
    const __m128i lo = _mm_or_si128(_mm_and_si128(c, six), cont);
    const __m128i hm = _mm_packus_epi16(hi, mid);
    const __m128i ll = _mm_packus_epi16(lo, lo);
    const __m128i out0 = _mm_or_si128(_mm_shuffle_epi8(hm, first16_a), _mm_shuffle_epi8(ll, first16_b));
    const __m128i out1 = _mm_or_si128(_mm_shuffle_epi8(hm, last8_a), _mm_shuffle_epi8(ll, last8_b));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o), out0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o + 16), out1);
    if (bad_bytes != 0) {  // the run ends inside these eight: keep the characters before its end
      const int good = __builtin_ctz(bad_bytes) / 2;
      o += 3 * good;
      k += good;
      return;
    }
    o += 24;
    k += 8;
  }
}
#endif

// The UTF-8 of a str of 16-bit units into out, or false if it holds a lone
// surrogate. PyUnicode_AsUTF8AndSize encodes a page of Chinese at about
// thirty instructions a character and keeps the result in the str for its
// lifetime (a second copy of every page a caller holds); this one encodes
// runs of Han eight at a time (AVX2), into a buffer repair drops when done.
bool encode_ucs2(const Py_UCS2* in, Py_ssize_t n, RepairInput& out) {
  // The most it can take, and room for the last wide write; not zeroed.
  out.encoded.reset(new char[3 * static_cast<std::size_t>(n) + 32]);
  auto* const begin = reinterpret_cast<unsigned char*>(out.encoded.get());
  unsigned char* o = begin;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  const bool use_avx2 = text::cpu_has_avx2();
#endif
  for (Py_ssize_t k = 0; k < n;) {
    const unsigned c = in[k];
    if (c < 0x80) {
      *o++ = static_cast<unsigned char>(c);
      ++k;
      continue;
    }
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (use_avx2 && c >= 0x800) {
      const Py_ssize_t run_start = k;
      encode_han_run_avx2(in, n, k, o);
      if (k != run_start) continue;
    }
#endif
    if (c < 0x800) {
      o[0] = static_cast<unsigned char>(0xC0 | c >> 6);
      o[1] = static_cast<unsigned char>(0x80 | (c & 0x3F));
      o += 2;
    } else {
      if (c >= 0xD800 && c <= 0xDFFF) {
        out.encoded.reset();  // (the caller falls back to CPython's encoder)
        return false;
      }
      o[0] = static_cast<unsigned char>(0xE0 | c >> 12);
      o[1] = static_cast<unsigned char>(0x80 | (c >> 6 & 0x3F));
      o[2] = static_cast<unsigned char>(0x80 | (c & 0x3F));
      o += 3;
    }
    ++k;
  }
  out.view = std::string_view(out.encoded.get(), static_cast<std::size_t>(o - begin));
  out.is_view = true;
  return true;
}

// Whether a str's characters are laid out (CPython before 3.12 could hold a
// str as wchar_t only until asked; since 3.12 every str is, and the macro is
// deprecated).
bool str_is_ready(PyObject* obj) {
#if PY_VERSION_HEX < 0x030C0000
  return PyUnicode_IS_READY(obj);
#else
  (void)obj;
  return true;
#endif
}

RepairInput decode_for_repair(const py::object& data) {
  RepairInput in;
  PyObject* obj = data.ptr();
  // A compact str of 16-bit units (a page of Chinese) whose UTF-8 CPython has
  // not made yet: encoded here, not kept (see encode_ucs2). Any other str
  // (ASCII, Latin-1, 32-bit units, one whose UTF-8 is at hand, one with a
  // lone surrogate) goes through to_input as before.
  if (PyUnicode_Check(obj) && str_is_ready(obj) && PyUnicode_IS_COMPACT(obj) &&
      !PyUnicode_IS_ASCII(obj) && PyUnicode_KIND(obj) == PyUnicode_2BYTE_KIND &&
      reinterpret_cast<PyCompactUnicodeObject*>(obj)->utf8 == nullptr &&
      encode_ucs2(PyUnicode_2BYTE_DATA(obj), PyUnicode_GET_LENGTH(obj), in)) {
    return in;
  }
  if (PyUnicode_Check(obj)) {
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(obj, &n);
    if (p != nullptr) {
      in.view = std::string_view(p, static_cast<std::size_t>(n));
      in.is_view = true;
      return in;
    }
    PyErr_Clear();  // a lone surrogate: to_input raises the error parse gives
  }
  Input raw = to_input(data);
  if (raw.from_str) {
    in.owned = std::move(raw.bytes);
  } else {
    auto d = text::decode_page(raw.bytes);
    if (!d.ok()) raise(d.error(), "");
    in.owned = std::move(d.value().text);
  }
  return in;
}

// What huozi.repair returns for a page, as UTF-8 (called without the GIL).
std::string repaired_text(std::string_view text, bool fullwidth_ascii, repair::Deinterleave mode) {
  repair::RepairOptions o;
  o.fullwidth_ascii = fullwidth_ascii;
  o.deinterleave = mode;
  return repair::render_units(repair::repair_page(text, o));
}

// The limits of the repair-only calls: those of parse that guard repair
// (check_page_limits). None keeps the default, 0 means no limit.
Limits repair_limits(std::optional<long long> max_page_bytes, std::optional<long long> max_line_bytes,
                     std::optional<long long> max_lines) {
  Limits l;
  set_limit(l.max_page_bytes, max_page_bytes, "max_page_bytes");
  set_limit(l.max_line_bytes, max_line_bytes, "max_line_bytes");
  set_limit(l.max_lines, max_lines, "max_lines");
  return l;
}

py::str py_repair(const py::object& data, bool fullwidth_ascii, const py::object& deinterleave,
                  std::optional<long long> max_page_bytes, std::optional<long long> max_line_bytes,
                  std::optional<long long> max_lines) {
  const Limits limits = repair_limits(max_page_bytes, max_line_bytes, max_lines);
  const RepairInput in = decode_for_repair(data);
  const repair::Deinterleave mode = deinterleave_mode(deinterleave);
  std::string out;
  std::optional<Error> over;
  {
    py::gil_scoped_release release;
    over = check_page_limits(in.text(), limits);
    if (!over) out = repaired_text(in.text(), fullwidth_ascii, mode);
  }
  if (over) raise(*over, "");
  return str_of_page(out);
}

// huozi.repair over many pages on a pool of C++ threads (GIL released), in
// input order. The pages go in chunks: each chunk's pages are read (with the
// GIL: a bad page raises as huozi.repair would, after the chunks before it
// were repaired, before any after it), repaired on the threads, and made
// into str at once, while the text of each is still in cache (reading every
// page first and making every str last was a fifth slower on one thread
// than huozi.repair page by page). The items are held here, so a str's
// UTF-8 seen as a view stays alive while the threads read it.
py::list repair_many(const py::list& items, std::optional<int> threads, bool fullwidth_ascii,
                     const py::object& deinterleave, std::optional<long long> max_page_bytes,
                     std::optional<long long> max_line_bytes, std::optional<long long> max_lines) {
  constexpr std::size_t kChunk = 32;  // pages: a few hundred KB of text in and out
  const Limits limits = repair_limits(max_page_bytes, max_line_bytes, max_lines);
  const repair::Deinterleave mode = deinterleave_mode(deinterleave);
  const std::size_t n = items.size();
  std::vector<py::object> held;
  held.reserve(n);
  for (const auto& it : items) held.push_back(py::reinterpret_borrow<py::object>(it));
  py::list out;
  std::vector<RepairInput> inputs;
  std::vector<std::string> outs;
  for (std::size_t first = 0; first < n; first += kChunk) {
    const std::size_t count = std::min(kChunk, n - first);
    inputs.clear();
    for (std::size_t i = 0; i < count; ++i) {
      inputs.push_back(decode_for_repair(held[first + i]));
      if (auto over = check_page_limits(inputs.back().text(), limits)) raise(*over, "");
    }
    outs.assign(count, std::string());
    {
      py::gil_scoped_release release;
      parallel_for(count, threads,
                   [&](std::size_t i) { outs[i] = repaired_text(inputs[i].text(), fullwidth_ascii, mode); });
    }
    for (const std::string& s : outs) out.append(str_of_page(s));
  }
  return out;
}

py::dict repair_details(const py::object& data, bool fullwidth_ascii, const py::object& deinterleave,
                        std::optional<long long> max_page_bytes, std::optional<long long> max_line_bytes,
                        std::optional<long long> max_lines) {
  const Limits limits = repair_limits(max_page_bytes, max_line_bytes, max_lines);
  const RepairInput in = decode_for_repair(data);
  const std::string_view text = in.text();
  repair::RepairOptions o;
  o.fullwidth_ascii = fullwidth_ascii;
  o.deinterleave = deinterleave_mode(deinterleave);
  std::optional<repair::RepairResult> r;
  std::string explain;
  std::optional<Error> over;
  {
    py::gil_scoped_release release;
    over = check_page_limits(text, limits);
    if (!over) {
      r.emplace(repair::repair_page(text, o));
      explain = repair::render_explain(text, *r);
    }
  }
  if (over) raise(*over, "");
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
  d["blank_line_spacing"] = r->blank_line_spacing;
  d["rows_read"] = r->rows_read;
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

// ---- tokenization ------------------------------------------------------------

using segment::Dictionary;

// A text to tokenize: its UTF-8 bytes, and the str it came from (tokens are
// cut from the str by character index, cheaper than decoding each one).
struct TokenInput {
  py::object owner;      // keeps the buffer alive while the GIL is released
  std::string_view utf8;
  bool is_str = false;
};

TokenInput token_input(const py::handle& obj) {
  TokenInput in;
  in.owner = py::reinterpret_borrow<py::object>(obj);
  if (PyUnicode_Check(obj.ptr())) {
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(obj.ptr(), &n);  // cached in the str object
    if (p == nullptr) {
      PyErr_Clear();
      PyErr_SetString(g_decode_error, "text contains lone surrogates: not valid Unicode");
      throw py::error_already_set();
    }
    in.utf8 = std::string_view(p, static_cast<std::size_t>(n));
    in.is_str = true;
  } else if (PyBytes_Check(obj.ptr())) {
    in.utf8 = std::string_view(PyBytes_AS_STRING(obj.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(obj.ptr())));
    if (auto bad = text::find_invalid_utf8(in.utf8))
      raise(Error{ErrorCode::kInvalidUtf8, *bad, "bytes are not UTF-8 (decode them first, e.g. with huozi.decode)"}, "");
  } else {
    throw py::type_error(std::string("expected str or bytes, got ") + Py_TYPE(obj.ptr())->tp_name);
  }
  return in;
}

// Byte offsets to character offsets, in place (the tokens are in order).
void to_char_offsets(std::string_view s, std::vector<Span>& tokens) {
  std::size_t byte = 0, chars = 0;
  auto advance = [&](std::uint32_t to) {
    for (; byte < to; ++byte) chars += (static_cast<unsigned char>(s[byte]) & 0xC0) != 0x80;
    return static_cast<std::uint32_t>(chars);
  };
  for (Span& t : tokens) {
    t.start = advance(t.start);
    t.end = advance(t.end);
  }
}

// One-character str objects of the BMP, made on first use and kept: a third
// of the tokens of Chinese text are single characters (的, 在, ，), and
// sharing one immutable str each saves an allocation per token.
PyObject* single_char_str(Py_UCS4 c) {
  static PyObject** cache = new PyObject*[0x10000]();  // lives for the process
  if (c >= 0x10000) return PyUnicode_FromOrdinal(static_cast<int>(c));
  PyObject*& slot = cache[c];
  if (slot == nullptr) {
    slot = PyUnicode_FromOrdinal(static_cast<int>(c));
    if (slot == nullptr) return nullptr;
    PyUnicode_InternInPlace(&slot);
  }
  Py_INCREF(slot);
  return slot;
}

// Recently made word strs, by content. Text repeats its words (a few
// thousand make most of the tokens of a paper), and handing out the same
// immutable str again saves an allocation and a copy per token: the Python
// side of tokenize is mostly making strs. Direct-mapped and bounded (a slot
// keeps the last word that hashed to it); used with the GIL held only.
class WordStrCache {
 public:
  static constexpr Py_ssize_t kMaxChars = 8;  // longer words are rare enough to make each time

  PyObject* get(PyObject* text, Py_ssize_t start, Py_ssize_t end) {
    const Py_ssize_t n = end - start;
    if (n > kMaxChars) return PyUnicode_Substring(text, start, end);
    const int kind = PyUnicode_KIND(text);
    const void* data = PyUnicode_DATA(text);
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the code points
    for (Py_ssize_t i = start; i < end; ++i) h = (h ^ PyUnicode_READ(kind, data, i)) * 1099511628211ull;
    Slot& slot = slots_[h & (kSlots - 1)];
    if (slot.word != nullptr && slot.hash == h && PyUnicode_GET_LENGTH(slot.word) == n) {
      const int skind = PyUnicode_KIND(slot.word);
      const void* sdata = PyUnicode_DATA(slot.word);
      bool same = true;
      for (Py_ssize_t i = 0; i < n && same; ++i)
        same = PyUnicode_READ(skind, sdata, i) == PyUnicode_READ(kind, data, start + i);
      if (same) {
        Py_INCREF(slot.word);
        return slot.word;
      }
    }
    PyObject* word = PyUnicode_Substring(text, start, end);
    if (word == nullptr) return nullptr;
    Py_INCREF(word);
    Py_XDECREF(slot.word);
    slot.word = word;
    slot.hash = h;
    return word;
  }

 private:
  static constexpr std::size_t kSlots = 1u << 14;
  struct Slot {
    PyObject* word = nullptr;
    std::uint64_t hash = 0;
  };
  Slot slots_[kSlots];
};

WordStrCache& word_str_cache() {
  static auto* cache = new WordStrCache();  // lives for the process, like the strs it holds
  return *cache;
}

// Tokens as a list of str. For a str input `tokens` hold character offsets
// (see to_char_offsets) and are cut from it; for bytes they are decoded.
py::list token_list(const TokenInput& in, const std::vector<Span>& tokens) {
  py::list out(tokens.size());
  WordStrCache& cache = word_str_cache();
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Span t = tokens[k];
    PyObject* piece;
    if (in.is_str) {
      piece = t.end == t.start + 1 ? single_char_str(PyUnicode_READ_CHAR(in.owner.ptr(), t.start))
                                   : cache.get(in.owner.ptr(), t.start, t.end);
    } else {
      piece = PyUnicode_DecodeUTF8(in.utf8.data() + t.start, t.end - t.start, "strict");
    }
    if (piece == nullptr) throw py::error_already_set();
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(k), piece);
  }
  return out;
}

// None or a Dictionary. (Taken as an object and cast here: a `const
// Dictionary*` parameter makes pybind11 refuse None on its first,
// no-conversion pass and retry, which costs more than tokenizing a short
// text.)
const Dictionary* dictionary_arg(const py::object& obj) {
  if (obj.is_none()) return nullptr;
  if (!py::isinstance<Dictionary>(obj))
    throw py::type_error(std::string("dictionary must be a huozi.Dictionary or None, got ") + Py_TYPE(obj.ptr())->tp_name);
  return obj.cast<const Dictionary*>();
}

Result<std::size_t> run_tokenize(std::string_view text, const Dictionary* dict, std::vector<Span>& out) {
  return dict ? segment::tokenize_into(text, *dict, out) : segment::tokenize_into(text, out);
}

// Tokenizes with the GIL released; raises on error. Spans are byte offsets,
// or character offsets of a str when char_offsets.
std::vector<Span> tokenize_released(const TokenInput& in, const Dictionary* dict, bool char_offsets) {
  std::vector<Span> tokens;
  std::optional<Error> error;
  {
    py::gil_scoped_release release;
    auto r = run_tokenize(in.utf8, dict, tokens);
    if (!r.ok()) error = r.error();
    else if (char_offsets && in.is_str) to_char_offsets(in.utf8, tokens);
  }
  if (error) raise(*error, "");
  return tokens;
}

py::list py_tokenize(const py::object& text, const py::object& dictionary) {
  TokenInput in = token_input(text);
  return token_list(in, tokenize_released(in, dictionary_arg(dictionary), true));
}

py::list py_tokenize_spans(const py::object& text, const py::object& dictionary) {
  TokenInput in = token_input(text);
  const std::vector<Span> tokens = tokenize_released(in, dictionary_arg(dictionary), false);
  py::list out(tokens.size());
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    PyObject* pair = Py_BuildValue("(II)", tokens[k].start, tokens[k].end);
    if (pair == nullptr) throw py::error_already_set();
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(k), pair);
  }
  return out;
}

// Many texts on a pool of C++ threads (each thread keeps its own ICU
// iterator; the dictionary is shared). Results in input order.
py::list py_tokenize_many(const py::iterable& texts, const py::object& dictionary, std::optional<int> threads) {
  const Dictionary* dict = dictionary_arg(dictionary);
  std::vector<TokenInput> inputs;
  for (const auto& t : texts) inputs.push_back(token_input(t));
  const std::size_t n = inputs.size();
  std::vector<std::vector<Span>> results(n);
  std::vector<std::optional<Error>> errors(n);
  {
    py::gil_scoped_release release;
    parallel_for(n, threads, [&](std::size_t i) {
      auto r = run_tokenize(inputs[i].utf8, dict, results[i]);
      if (!r.ok()) errors[i] = r.error();
      else if (inputs[i].is_str) to_char_offsets(inputs[i].utf8, results[i]);
    });
  }
  py::list out(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (errors[i]) raise(*errors[i], "text " + std::to_string(i));
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), token_list(inputs[i], results[i]).release().ptr());
  }
  return out;
}

Dictionary dictionary_from_words(const py::iterable& words) {
  std::vector<std::string> owned;
  for (const auto& w : words) {
    if (!PyUnicode_Check(w.ptr()))
      throw py::type_error(std::string("words must be str, got ") + Py_TYPE(w.ptr())->tp_name);
    owned.push_back(w.cast<std::string>());
  }
  std::optional<Result<Dictionary>> r;
  {
    py::gil_scoped_release release;
    std::vector<std::string_view> views(owned.begin(), owned.end());
    r.emplace(Dictionary::from_words(views));
  }
  if (!r->ok()) raise(r->error(), "");
  return r->value();
}

Dictionary dictionary_from_file(const std::string& path) {
  std::optional<Result<Dictionary>> r;
  {
    py::gil_scoped_release release;
    r.emplace(Dictionary::from_file(path));
  }
  if (!r->ok()) raise(r->error(), path);
  return r->value();
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

// The page limits an archive run's limits dict may carry beside the archive
// limits (see page_limits_of), by name.
constexpr std::pair<std::string_view, std::size_t Limits::*> kPageLimits[] = {
    {"max_page_bytes", &Limits::max_page_bytes},
    {"max_line_bytes", &Limits::max_line_bytes},
    {"max_lines", &Limits::max_lines},
    {"max_fields_per_article", &Limits::max_fields_per_article}};
// The slot of Limits named k, or nullptr when k names no page limit.
std::size_t Limits::*page_limit_slot(std::string_view k) {
  for (const auto& [name, slot] : kPageLimits)
    if (name == k) return slot;
  return nullptr;
}
bool is_page_limit(const std::string& k) { return page_limit_slot(k) != nullptr; }

// Archive limits from {"max_member_bytes": int, "max_compression_ratio":
// float, "max_total_bytes": int} (missing or None: the default; 0: none).
// The page limits in the same dict are page_limits_of()'s.
archive::ArchiveLimits archive_limits(const std::optional<py::dict>& d) {
  archive::ArchiveLimits l;
  if (!d) return l;
  for (auto item : *d) {
    const std::string k = py::str(item.first);
    if (item.second.is_none() || is_page_limit(k)) continue;
    if (k == "max_compression_ratio") {
      const double v = item.second.cast<double>();
      if (!(v >= 0)) throw py::value_error("max_compression_ratio must be >= 0");
      l.max_compression_ratio = v;
      continue;
    }
    const long long v = item.second.cast<long long>();
    if (v < 0) throw py::value_error(k + " must be >= 0");
    if (k == "max_member_bytes") l.max_member_bytes = static_cast<std::uint64_t>(v);
    else if (k == "max_total_bytes") l.max_total_bytes = static_cast<std::uint64_t>(v);
    else throw py::value_error("unknown archive limit: " + k);
  }
  return l;
}

// The page limits of every page of an archive run, from the same dict as
// archive_limits(): max_page_bytes, max_line_bytes, max_lines,
// max_fields_per_article (missing or None: the default of Limits; 0: none).
Limits page_limits_of(const std::optional<py::dict>& d) {
  Limits l;
  if (!d) return l;
  for (auto item : *d) {
    const std::string k = py::str(item.first);
    const auto slot = page_limit_slot(k);
    if (item.second.is_none() || !slot) continue;
    // (A float is a TypeError naming the limit, as parse's keyword refuses it.)
    if (!py::isinstance<py::int_>(item.second)) throw py::type_error(k + " must be an int");
    set_limit(l.*slot, item.second.cast<long long>(), k.c_str());
  }
  return l;
}

class ArchiveRun {
 public:
  ArchiveRun(std::vector<std::string> inputs, std::optional<int> threads, const std::string& errors,
             std::size_t batch_pages, std::uint64_t skip, std::optional<std::vector<std::string>> suffixes,
             std::size_t max_in_flight, bool sentences, bool fields, std::uint64_t limit,
             std::optional<py::dict> limits, bool fullwidth_ascii, const py::object& deinterleave) {
    archive::RunOptions o;
    o.limit = limit;
    o.reader.limits = archive_limits(limits);
    o.page_limits = page_limits_of(limits);
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
    o.repair.fullwidth_ascii = fullwidth_ascii;
    o.repair.deinterleave = deinterleave_mode(deinterleave);
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
        col[6].append(authors_list(a));
        col[7].append(blocks_list(a, /*sentences=*/false));
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

  py::dict stats() const {
    py::dict d;
    archive::RunStats st;
    if (runner_) st = runner_->stats();
    d["worker_cpu"] = st.worker_cpu;
    d["worker_wait"] = st.worker_wait;
    d["reader_cpu"] = st.reader_cpu;
    d["reader_wait"] = st.reader_wait;
    d["consumer_wait"] = st.consumer_wait;
    return d;
  }

  void close() {
    py::gil_scoped_release release;
    runner_.reset();
  }

 private:
  std::unique_ptr<archive::ArchiveRunner> runner_;
};

// parse_many with the results as Arrow columns: one row per article in the
// archive export's schema (huozi.archive.SCHEMA) and one row per failed page
// (ERROR_SCHEMA), built in C++ with the GIL released and handed over through
// the Arrow C Data Interface. Pages come in input order; page and paper are
// null (no path to read them from) and replaced is 0 (strict decoding).
// Returns (article capsules, error capsules, articles per input or -1 for a
// failed one).
py::tuple parse_many_arrow(const py::list& items, std::optional<std::vector<std::optional<std::string>>> dates,
                           std::optional<std::vector<std::string>> sources, std::optional<int> threads, bool fields,
                           bool raise_errors, std::optional<long long> max_page_bytes,
                           std::optional<long long> max_line_bytes, std::optional<long long> max_lines,
                           std::optional<long long> max_fields_per_article,
                           bool fullwidth_ascii, const py::object& deinterleave) {
  ManyResults m = run_many(items, dates, sources, threads, /*sentences=*/false, fields,
                           LimitArgs{max_page_bytes, max_line_bytes, max_lines, max_fields_per_article},
                           fullwidth_ascii, deinterleave);
  if (raise_errors) {
    for (std::size_t i = 0; i < m.results.size(); ++i)
      if (!m.results[i]->ok()) raise(m.results[i]->error(), m.opts[i].source);
  }
  py::list counts;  // articles per input, -1 for one that failed
  for (const auto& r : m.results) counts.append(r->ok() ? static_cast<long long>(r->value().articles.size()) : -1LL);
  std::optional<archive::ArrowBatch> ab;
  {
    py::gil_scoped_release release;
    archive::Batch b;
    b.pages.resize(m.results.size());
    for (std::size_t i = 0; i < m.results.size(); ++i) {
      archive::Outcome& o = b.pages[i];
      o.seq = i;
      o.source = m.opts[i].source;
      Result<Page>& r = *m.results[i];
      if (r.ok()) {
        o.page = std::move(r).value();
      } else {
        const Error& e = r.error();
        o.error = archive::ErrorRow{o.source, error_code_name(e.code), e.message, e.offset};
      }
    }
    m.results.clear();
    ab.emplace(archive::to_arrow(b));
  }
  return py::make_tuple(ArchiveRun::capsules(std::move(ab->articles)), ArchiveRun::capsules(std::move(ab->errors)),
                        counts);
}

}  // namespace

// Field extraction on one text (a sentence, a paragraph) without the page
// pipeline; offsets are byte offsets into the text's UTF-8. The year of dates
// printed without one: the date's, else `year`, else the latest full date's
// in the text (as infer_year does for a page).
py::list py_extract_fields(const py::str& text, std::optional<std::string> date, std::optional<int> year) {
  Py_ssize_t n = 0;
  const char* p = PyUnicode_AsUTF8AndSize(text.ptr(), &n);
  if (p == nullptr) {
    PyErr_Clear();
    raise(Error{ErrorCode::kInvalidUtf8, surrogate_offset(text), "text contains a lone surrogate: not valid Unicode"},
          "");
  }
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
  {
    const Limits defaults;
    py::dict d;
    d["max_page_bytes"] = defaults.max_page_bytes;
    d["max_line_bytes"] = defaults.max_line_bytes;
    d["max_lines"] = defaults.max_lines;
    d["max_fields_per_article"] = defaults.max_fields_per_article;
    m.attr("DEFAULT_LIMITS") = d;
    const archive::ArchiveLimits a;
    py::dict da;
    da["max_member_bytes"] = a.max_member_bytes;
    da["max_compression_ratio"] = a.max_compression_ratio;
    da["max_total_bytes"] = a.max_total_bytes;
    m.attr("DEFAULT_ARCHIVE_LIMITS") = da;
  }

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
        py::arg("max_page_bytes") = py::none(), py::arg("max_line_bytes") = py::none(),
        py::arg("max_lines") = py::none(), py::arg("max_fields_per_article") = py::none(), py::arg("with_text") = false,
        py::arg("deinterleave") = "auto");
  m.def("parse_many", &parse_many, py::arg("items"), py::kw_only(), py::arg("dates") = py::none(),
        py::arg("sources") = py::none(), py::arg("threads") = py::none(), py::arg("sentences") = true,
        py::arg("fields") = true, py::arg("raise_errors") = false, py::arg("max_page_bytes") = py::none(),
        py::arg("max_line_bytes") = py::none(), py::arg("max_lines") = py::none(),
        py::arg("max_fields_per_article") = py::none(),
        py::arg("fullwidth_ascii") = false, py::arg("deinterleave") = "auto");
  m.def("parse_many_arrow", &parse_many_arrow, py::arg("items"), py::kw_only(), py::arg("dates") = py::none(),
        py::arg("sources") = py::none(), py::arg("threads") = py::none(), py::arg("fields") = true,
        py::arg("raise_errors") = false, py::arg("max_page_bytes") = py::none(),
        py::arg("max_line_bytes") = py::none(), py::arg("max_lines") = py::none(),
        py::arg("max_fields_per_article") = py::none(),
        py::arg("fullwidth_ascii") = false, py::arg("deinterleave") = "auto");
  m.def("repair", &py_repair, py::arg("data"), py::kw_only(), py::arg("fullwidth_ascii") = false,
        py::arg("deinterleave") = "auto", py::arg("max_page_bytes") = py::none(), py::arg("max_line_bytes") = py::none(), py::arg("max_lines") = py::none());
  m.def("repair_many", &repair_many, py::arg("items"), py::kw_only(), py::arg("threads") = py::none(),
        py::arg("fullwidth_ascii") = false, py::arg("deinterleave") = "auto", py::arg("max_page_bytes") = py::none(), py::arg("max_line_bytes") = py::none(), py::arg("max_lines") = py::none());
  m.def("repair_details", &repair_details, py::arg("data"), py::kw_only(), py::arg("fullwidth_ascii") = false,
        py::arg("deinterleave") = "auto", py::arg("max_page_bytes") = py::none(), py::arg("max_line_bytes") = py::none(), py::arg("max_lines") = py::none());
  m.def("decode", &decode, py::arg("data"), py::kw_only(), py::arg("encoding") = py::none(),
        py::arg("errors") = "strict");
  m.def("extract_fields", &py_extract_fields, py::arg("text"), py::kw_only(), py::arg("date") = py::none(),
        py::arg("year") = py::none());
  py::class_<Dictionary>(m, "Dictionary", R"doc(A word list compiled for huozi.tokenize (a double-array trie).

Build it once and pass it as ``words=``: building the PKU training list
(55,303 words) takes a few tens of milliseconds; tokenizing with it is fast.
Immutable and safe to share between threads.

    Dictionary(words)            from an iterable of str (one word each)
    Dictionary.from_file(path)   one word a line (UTF-8); text after a space
                                 or tab on a line (a frequency, a tag) is ignored

Example:
    >>> d = huozi.Dictionary(["北京", "北京大学", "大学", "生活"])
    >>> huozi.tokenize("北京大学生活", words=d)
    ['北京大学', '生活']
    >>> len(d), "北京" in d
    (4, True)
)doc")
      .def(py::init(&dictionary_from_words), py::arg("words"))
      .def_static("from_file", &dictionary_from_file, py::arg("path"),
                  "Read a word list: one word a line (UTF-8, BOM and CRLF allowed).")
      .def("__len__", &Dictionary::size)
      .def("__contains__", [](const Dictionary& d, const std::string& w) { return d.contains(w); })
      .def_property_readonly("max_word_chars", &Dictionary::max_word_chars, "length of the longest word, in characters")
      .def_property_readonly("memory_bytes", &Dictionary::memory_bytes, "size of the trie and character map")
      .def("__repr__", [](const Dictionary& d) {
        return "<huozi.Dictionary: " + std::to_string(d.size()) + " words, " +
               std::to_string(d.memory_bytes() / 1024) + " KiB>";
      });
  m.def("tokenize", &py_tokenize, py::arg("text"), py::arg("dictionary") = py::none());
  m.def("tokenize_spans", &py_tokenize_spans, py::arg("text"), py::arg("dictionary") = py::none());
  m.def("tokenize_many", &py_tokenize_many, py::arg("texts"), py::arg("dictionary") = py::none(),
        py::arg("threads") = py::none());
  m.def("date_from_path", [](const std::string& p) { return huozi::date_from_path(p); }, py::arg("path"));
  m.def("meta_from_path", [](const std::string& p) {
    archive::PageMeta m = archive::meta_from_path(p);
    py::dict d;
    d["date"] = opt_str(m.date);
    d["page"] = opt_str(m.page);
    d["paper"] = opt_str(m.paper);
    return d;
  }, py::arg("path"));
  m.def("count_items", [](std::vector<std::string> inputs, std::optional<std::vector<std::string>> suffixes,
                          std::optional<py::dict> limits) {
    archive::Reader::Options o;
    if (suffixes) o.suffixes = *suffixes;
    o.limits = archive_limits(limits);
    py::gil_scoped_release release;
    archive::Reader r(std::move(inputs), o);
    return r.skip(~std::uint64_t{0});
  }, py::arg("inputs"), py::arg("suffixes") = py::none(), py::arg("limits") = py::none(),
  "Number of pages (items, error items included) in the inputs, read without decompressing page data where the format allows.");
  py::class_<ArchiveRun>(m, "ArchiveRun")
      .def(py::init<std::vector<std::string>, std::optional<int>, const std::string&, std::size_t, std::uint64_t,
                    std::optional<std::vector<std::string>>, std::size_t, bool, bool, std::uint64_t,
                    std::optional<py::dict>, bool, const py::object&>(),
           py::arg("inputs"), py::kw_only(), py::arg("threads") = py::none(), py::arg("errors") = "strict",
           py::arg("batch_pages") = 256, py::arg("skip") = 0, py::arg("suffixes") = py::none(),
           py::arg("max_in_flight") = 0, py::arg("sentences") = false, py::arg("fields") = true,
           py::arg("limit") = 0, py::arg("limits") = py::none(), py::arg("fullwidth_ascii") = false,
           py::arg("deinterleave") = "auto")
      .def("next_batch", &ArchiveRun::next_batch)
      .def("next_arrow", &ArchiveRun::next_arrow)
      .def("progress", &ArchiveRun::progress)
      .def("stats", &ArchiveRun::stats,
           "Seconds so far: worker_cpu (decode + parse, summed over the workers), worker_wait (workers "
           "waiting for pages), reader_cpu and reader_wait (the reading thread; waiting: the window of pages "
           "in flight is full), consumer_wait (next_batch waiting for the next page in order).")
      .def_property_readonly("threads", &ArchiveRun::threads)
      .def("close", &ArchiveRun::close);
}
