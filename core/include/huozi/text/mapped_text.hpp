// MappedText: a repaired text that remembers where each byte came from.
// Repair joins lines, drops spaces and duplicate glyphs; every later stage
// (byline split, sentences, fields) works on the repaired text and needs
// source offsets back. The map is a sorted list of anchors, one per
// discontinuity, so it costs a few entries per line, not one per byte.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huozi/model.hpp"

namespace huozi::text {

class MappedText {
 public:
  struct Anchor {
    std::uint32_t out;       // offset into text() where this run starts
    std::uint32_t src;       // source offset of that byte
    bool synthetic = false;  // bytes not in the source (all map to src)
  };

 private:
  // The anchors, the first few of them kept inside (most repaired units are
  // a line or two, with an anchor a line: a page's 40-odd units asked the
  // heap for a block each just for these). Only what MappedText needs of a
  // vector: appending, the last one, indexing.
  class AnchorList {
   public:
    static constexpr std::uint32_t kInline = 4;  // a unit of up to three lines with its reserve
    AnchorList() noexcept = default;
    AnchorList(const AnchorList& o) { assign(o); }
    AnchorList(AnchorList&& o) noexcept { take(o); }
    AnchorList& operator=(const AnchorList& o) {
      if (this != &o) {
        size_ = 0;
        assign(o);
      }
      return *this;
    }
    AnchorList& operator=(AnchorList&& o) noexcept {
      if (this != &o) {
        release();
        take(o);
      }
      return *this;
    }
    ~AnchorList() { release(); }

    const Anchor* data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    const Anchor& operator[](std::size_t i) const noexcept { return data_[i]; }
    const Anchor& front() const noexcept { return data_[0]; }
    const Anchor& back() const noexcept { return data_[size_ - 1]; }
    const Anchor* begin() const noexcept { return data_; }
    const Anchor* end() const noexcept { return data_ + size_; }

    void reserve(std::size_t n) {
      if (n > capacity_) grow(n);
    }
    void push_back(const Anchor& a) {
      if (size_ == capacity_) grow(std::size_t{capacity_} * 2);
      data_[size_++] = a;
    }

   private:
    bool on_heap() const noexcept { return data_ != inline_; }
    void grow(std::size_t n) {
      Anchor* bigger = new Anchor[n];
      std::memcpy(bigger, data_, sizeof(Anchor) * size_);
      release();
      data_ = bigger;
      capacity_ = static_cast<std::uint32_t>(n);
    }
    // Gives the heap block back, if any (the anchors inside again, as many as fit).
    void release() noexcept {
      if (on_heap()) delete[] data_;
      data_ = inline_;
      capacity_ = kInline;
    }
    void assign(const AnchorList& o) {
      reserve(o.size_);
      std::memcpy(data_, o.data_, sizeof(Anchor) * o.size_);
      size_ = o.size_;
    }
    // Takes o's anchors (its block, or a copy of the few inside), o left empty.
    // (This one holds no block of its own.)
    void take(AnchorList& o) noexcept {
      if (o.on_heap()) {
        data_ = o.data_;
        capacity_ = o.capacity_;
        o.data_ = o.inline_;
        o.capacity_ = kInline;
      } else {
        std::memcpy(inline_, o.inline_, sizeof(Anchor) * o.size_);
      }
      size_ = o.size_;
      o.size_ = 0;
    }

    Anchor* data_ = inline_;  // inline_, or a block of the heap when they do not fit
    std::uint32_t size_ = 0;
    std::uint32_t capacity_ = kInline;
    Anchor inline_[kInline];
  };

 public:

  const std::string& text() const noexcept { return text_; }
  // The text to move out, the map to be left without it: for an owner about
  // to drop this MappedText that wants its bytes elsewhere without a copy
  // (segmentation giving a unit's text to its block). A reference, so that
  // the string it is assigned to takes the bytes straight from here, with no
  // string in between.
  std::string&& take_text() noexcept { return std::move(text_); }
  std::string_view view() const noexcept { return text_; }
  bool empty() const noexcept { return text_.empty(); }
  std::size_t size() const noexcept { return text_.size(); }
  std::span<const Anchor> anchors() const noexcept { return {anchors_.data(), anchors_.size()}; }

  // Room for this many bytes of text and anchors (no effect on the content).
  void reserve(std::size_t bytes, std::size_t anchors) {
    text_.reserve(bytes);
    anchors_.reserve(anchors);
  }

  // Appends bytes copied verbatim from the source, starting at src_start.
  // (Inlined: repair appends once a line or more, and a call cost as much as
  // the append itself.)
  [[gnu::always_inline]] void append(std::string_view bytes, std::uint32_t src_start) {
    if (bytes.empty()) return;
    const auto out = static_cast<std::uint32_t>(text_.size());
    const bool contiguous = !anchors_.empty() && !anchors_.back().synthetic &&
                            anchors_.back().src + (out - anchors_.back().out) == src_start;
    if (!contiguous) anchors_.push_back({out, src_start, false});
    text_.append(bytes);
  }

  // Appends bytes that are not in the source (the space put between two Latin
  // words joined across a line end); they map to src_pos.
  void append_synthetic(std::string_view bytes, std::uint32_t src_pos) {
    if (bytes.empty()) return;
    anchors_.push_back({static_cast<std::uint32_t>(text_.size()), src_pos, true});
    text_.append(bytes);
  }

  // Source offset of the byte at out (out < size()).
  std::uint32_t source_of(std::size_t out) const noexcept { return source_in(anchor_for(out), out); }

  // Source span of the output range [start, end).
  Span source_span(std::size_t start, std::size_t end) const noexcept {
    if (text_.empty()) return {};
    if (end <= start) {
      std::uint32_t s = start < text_.size() ? source_of(start) : source_of(text_.size() - 1) + 1;
      return {s, s};
    }
    // (The last byte's anchor looked up once, for its source and whether it
    // is synthetic: source_of() would look it up again.)
    const Anchor* last = anchor_for(end - 1);
    std::uint32_t e = source_in(last, end - 1) + (last && last->synthetic ? 0 : 1);
    std::uint32_t s = source_of(start);
    return {s, std::max(s, e)};
  }

  // A copy of [start, end) with its map.
  MappedText slice(std::size_t start, std::size_t end) const {
    MappedText m;
    end = std::min(end, text_.size());
    std::size_t i = start;
    while (i < end) {
      auto idx = anchor_index(i);
      const Anchor& a = anchors_[idx];
      std::size_t run_end = idx + 1 < anchors_.size() ? anchors_[idx + 1].out : text_.size();
      run_end = std::min(run_end, end);
      std::string_view piece = std::string_view(text_).substr(i, run_end - i);
      if (a.synthetic) m.append_synthetic(piece, a.src);
      else m.append(piece, a.src + static_cast<std::uint32_t>(i - a.out));
      i = run_end;
    }
    return m;
  }

  // Appends another mapped text (its map included).
  void append(const MappedText& other) {
    for (std::size_t k = 0; k < other.anchors_.size(); ++k) {
      const Anchor& a = other.anchors_[k];
      std::size_t run_end = k + 1 < other.anchors_.size() ? other.anchors_[k + 1].out : other.text_.size();
      std::string_view piece = std::string_view(other.text_).substr(a.out, run_end - a.out);
      if (a.synthetic) append_synthetic(piece, a.src);
      else append(piece, a.src);
    }
  }

 private:
  std::size_t anchor_index(std::size_t out) const noexcept {
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), out,
                               [](std::size_t o, const Anchor& a) { return o < a.out; });
    return static_cast<std::size_t>(it - anchors_.begin()) - 1;
  }
  const Anchor* anchor_for(std::size_t out) const noexcept {
    if (anchors_.empty() || out < anchors_.front().out) return nullptr;
    return &anchors_[anchor_index(out)];
  }
  // source_of(out) with out's anchor (anchor_for(out)) at hand.
  static std::uint32_t source_in(const Anchor* a, std::size_t out) noexcept {
    if (a == nullptr) return 0;
    return a->synthetic ? a->src : a->src + static_cast<std::uint32_t>(out - a->out);
  }

  std::string text_;
  AnchorList anchors_;
};

}  // namespace huozi::text
