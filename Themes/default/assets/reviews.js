/* Lectern's course ratings and reviews on a site served by `lectern serve`: ratings on the catalog's
 * cards and the course home, the reviews list, and the form enrolled students write theirs in
 * (administrators may remove any). Loaded after server.js on the catalog and course home only. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, tn, element, formatNumber, formatDate } = Lectern;
  const { api: apiRequest, auth: loadAuth, isAdmin, enc, courseSlug, enrollmentState, showFormErrors, setFormBusy } = Lectern.server;

  /* ------------------------------------------ Ratings and reviews */

  /* Catalog cards and the course home show each course's average rating; the course home lists the reviews,
   * and lets an enrolled student write one, then change or delete it, and an administrator remove any. Their
   * placeholders start hidden in the templates, so a static site shows none of this. */

  const RATING_MAX = 5;
  const REVIEWS_SHOWN = 10;       // newest first; the rest behind "Show all"
  const COMMENT_MAX = 5000;       // the server's limit (characters)

  /** Five stars filled up to `value` (0–5; 4.5 fills four and a half): the filled row is clipped to its
   *  share of the width of the empty one. Hidden from screen readers: the caller says it in words. */
  function starsElement(value) {
    const stars = element("span", "rating-stars");
    stars.setAttribute("aria-hidden", "true");
    const share = (Math.max(0, Math.min(RATING_MAX, Number(value) || 0)) / RATING_MAX) * 100;
    const filled = element("span", "rating-stars-filled", "★".repeat(RATING_MAX));
    filled.style.width = share + "%";   // a share of the width either way; the Nu checker's CSS knows no inline-size
    stars.append(element("span", "rating-stars-empty", "☆".repeat(RATING_MAX)), filled);
    return stars;
  }

  /** Fills a rating placeholder: "★★★★☆ 4.5 · 2 reviews", read out as "Rated 4.5 out of 5 from 2 reviews";
   *  "No reviews yet" without any. With `href`, the text links there (the course home's review list). */
  function fillRating(target, count, average, href) {
    const reviews = Number(count) || 0;
    const value = Number(average);
    const holder = href ? element("a", "course-rating-link") : target;
    if (href) holder.href = href;
    target.replaceChildren();
    if (reviews === 0 || !Number.isFinite(value)) {
      holder.append(t("rating.none"));
    } else {
      const countText = tn("rating.reviews", reviews);
      const shown = element("span", "rating-text", t("rating.short", { average: formatNumber(value), reviews: countText }));
      shown.setAttribute("aria-hidden", "true");
      const spoken = element("span", "visually-hidden",
        t("rating.label", { average: formatNumber(value), max: formatNumber(RATING_MAX), reviews: countText }));
      holder.append(starsElement(value), " ", shown, spoken);
    }
    if (href) target.append(holder);
    target.hidden = false;
  }

  /** The catalog: each card's rating, from the course list (review_count, average_rating), a page at a time. */
  async function initCatalogRatings() {
    const targets = new Map();
    for (const target of document.querySelectorAll(".course-card[data-slug] .course-rating")) {
      targets.set(target.closest(".course-card").dataset.slug, target);
    }
    if (targets.size === 0) return;
    for (let page = 1, pages = 1; page <= pages; page += 1) {
      const answer = await apiRequest("GET", "/courses?page_size=100&page=" + page, null, { auth: false });
      for (const course of Array.isArray(answer.items) ? answer.items : []) {
        const target = targets.get(course.slug);
        if (target) fillRating(target, course.review_count, course.average_rating);
      }
      pages = Number(answer.pages) || 1;
    }
  }

  /** The course home's reviews: the list for everyone, the form for enrolled students. */
  async function initCourseReviews(info) {
    const section = document.getElementById("lectern-reviews");
    const slug = courseSlug(info);
    if (!section || !slug) return;
    const list = document.getElementById("lectern-review-list");
    const empty = document.getElementById("lectern-reviews-empty");
    const status = document.getElementById("lectern-reviews-status");
    const rating = document.getElementById("lectern-course-rating");
    const form = document.getElementById("lectern-review-form");
    const say = (text) => { if (status) status.textContent = text; };
    const state = { reviews: [], mine: null, canWrite: false, showAll: false };
    const isStudent = () => {
      const auth = loadAuth();
      return Boolean(auth && (!auth.user.role || auth.user.role === "student"));
    };

    const render = () => {
      const auth = loadAuth();
      state.mine = auth ? state.reviews.find((review) => review.user_id === auth.user.id) || null : null;
      // The learner's own review first, then the newest.
      const ordered = state.reviews.slice().reverse().sort((a, b) => (b === state.mine) - (a === state.mine));
      const shown = state.showAll ? ordered : ordered.slice(0, REVIEWS_SHOWN);
      const moderate = isAdmin(auth) ? removal : null;
      if (list) list.replaceChildren(...shown.map((review, index) => reviewItem(review, review === state.mine, moderate && moderate(review, index))));
      if (empty) empty.hidden = state.reviews.length > 0;
      let more = document.getElementById("lectern-reviews-more");
      if (ordered.length > shown.length) {
        if (!more) {
          more = element("button", "reviews-more");
          more.type = "button";
          more.id = "lectern-reviews-more";
          more.addEventListener("click", () => {
            state.showAll = true;
            render();
            const next = list && list.children[REVIEWS_SHOWN];
            if (next) { next.setAttribute("tabindex", "-1"); next.focus(); }
          });
          if (list) list.after(more);
        }
        more.textContent = tn("reviews.showAll", ordered.length);
      } else if (more) {
        more.remove();
      }
      if (form) reviewForm.show(state.canWrite, state.mine);
      section.hidden = false;
    };

    const load = async () => {
      // The whole list: the course home shows every review, and the average over all of them.
      const answer = await apiRequest("GET", "/reviews?page_size=100&course=" + enc(slug), null, { auth: false });
      state.reviews = Array.isArray(answer.items) ? answer.items : [];
      if (Number(answer.pages) > 1) state.reviews = await Lectern.server.apiAll("/reviews?course=" + enc(slug), { auth: false });
      if (rating) fillRating(rating, answer.total, answer.average, "#lectern-reviews-heading");
      render();
    };

    const reviewForm = form ? reviewFormView(form, slug, say, load, () => state.mine) : null;

    // Administrators moderate: every review gets a Remove button that asks first. Afterwards the list and
    // the rating are fetched again, and focus goes to the review now in that place (or the heading).
    const removal = (review, index) => reviewRemoval(review, async () => {
      say(t("reviews.removing"));
      await apiRequest("DELETE", "/reviews/" + enc(review.id));
      await load();
      say(t("reviews.removed", { name: String(review.username || "") }));
      const next = list && list.children[index] ? list.children[index].querySelector(".review-remove") : null;
      const target = next || document.getElementById("lectern-reviews-heading");
      if (target) target.focus();
    }, say);

    // initServerCourse finds out whether the learner is enrolled (and enrolls them); the form follows.
    state.canWrite = isStudent() && enrollmentState(slug) === true;
    document.addEventListener("lectern:enrollment", (event) => {
      if (!event.detail || event.detail.course !== slug) return;
      state.canWrite = isStudent() && event.detail.enrolled === true;
      if (form) reviewForm.show(state.canWrite, state.mine);
    });
    try {
      await load();
    } catch (error) {
      say(t("reviews.loadError", { detail: error.detail || String(error) }));
      section.hidden = false;
    }
  }

  /** One review of the list; `extra` (an administrator's Remove controls) goes at its end. */
  function reviewItem(review, mine, extra) {
    const item = element("li", "review" + (mine ? " is-mine" : ""));
    const meta = element("p", "review-meta");
    const stars = element("span", "review-rating");
    stars.setAttribute("role", "img");
    stars.setAttribute("aria-label", t("reviews.stars", { rating: formatNumber(Number(review.rating) || 0), max: formatNumber(RATING_MAX) }));
    stars.append(starsElement(review.rating));
    meta.append(element("span", "review-author", String(review.username || "")), " ", stars);
    const created = Lectern.timeOf(review.created_at);
    if (created > 0) {
      const date = element("time", "review-date", formatDate(created));
      date.dateTime = new Date(created).toISOString().slice(0, 10);
      meta.append(" ", date);
    }
    if (Lectern.timeOf(review.updated_at) > created) meta.append(" ", element("span", "review-edited", t("reviews.edited")));
    if (mine) meta.append(" ", element("span", "review-yours", t("reviews.yours")));
    item.append(meta);
    if (review.comment) item.append(element("p", "review-comment", String(review.comment)));
    if (extra) item.append(extra);
    return item;
  }

  /** An administrator's Remove button for a review, and the confirmation it opens. `remove` deletes the review
   *  and refreshes the list; a refusal is said with `say`, and focus stays on the confirmation. */
  function reviewRemoval(review, remove, say) {
    const name = String(review.username || "");
    const box = element("div", "review-moderation");
    const button = element("button", "review-remove", t("reviews.remove"));
    button.type = "button";
    button.setAttribute("aria-label", t("reviews.removeOf", { name }));
    const confirm = element("p", "review-confirm");
    confirm.hidden = true;
    const yes = element("button", "review-remove-yes", t("reviews.confirmRemoveYes"));
    yes.type = "button";
    const no = element("button", "review-remove-no", t("reviews.confirmNo"));
    no.type = "button";
    confirm.append(t("reviews.confirmRemove", { name }), " ", yes, " ", no);
    button.addEventListener("click", () => {
      confirm.hidden = false;
      yes.focus();
    });
    no.addEventListener("click", () => {
      confirm.hidden = true;
      button.focus();
    });
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      try {
        await remove();
      } catch (error) {
        say(error.signedOut ? t("account.sessionEnded") : t("reviews.removeError", { detail: error.detail || String(error) }));
        yes.disabled = false;
        yes.focus();
      }
    });
    box.append(button, confirm);
    return box;
  }

  /** The form to write a review or change one's own, with its delete button and the confirmation that
   *  follows it. `reload` fetches the list again; `mine` returns the learner's review, or null. */
  function reviewFormView(form, slug, say, reload, mine) {
    const heading = form.querySelector(".review-form-heading");
    const submit = form.querySelector("button[type=submit]");
    const remove = form.querySelector(".review-delete");
    const confirm = form.querySelector(".review-confirm");
    const confirmYes = form.querySelector(".review-confirm-yes");
    const confirmNo = form.querySelector(".review-confirm-no");
    const comment = form.elements.namedItem("comment");
    const ratings = Array.from(form.querySelectorAll("input[name=rating]"));
    let shownFor;   // the review the fields were last filled from (undefined: never filled)

    const fill = (review) => {
      for (const input of ratings) input.checked = Boolean(review) && Number(input.value) === Number(review.rating);
      if (comment) comment.value = review ? String(review.comment || "") : "";
      if (heading) heading.textContent = t(review ? "reviews.editHeading" : "reviews.writeHeading");
      if (submit) submit.textContent = t(review ? "reviews.save" : "reviews.publish");
      if (remove) remove.hidden = !review;
      if (confirm) confirm.hidden = true;
      showFormErrors(form, []);
    };

    const errorText = (error) => {
      if (error.signedOut) return t("account.sessionEnded");
      if (error.status === 409) return t("reviews.errorDuplicate");
      if (error.status === 403) return t("reviews.errorForbidden", { detail: error.detail });
      if (error.status === 422) return t("reviews.errorInvalid", { detail: error.detail });
      return t("reviews.error", { detail: error.detail || String(error) });
    };

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = ratings.find((input) => input.checked);
      const problems = [];
      if (!chosen) problems.push([ratings[0] || null, t("reviews.errorRating")]);
      if (comment && Array.from(comment.value).length > COMMENT_MAX) {
        problems.push([comment, t("reviews.errorLong", { max: formatNumber(COMMENT_MAX) })]);
      }
      if (!showFormErrors(form, problems)) return;
      const body = { rating: Number(chosen.value), comment: comment ? comment.value.trim() : "" };
      const existing = mine();
      setFormBusy(form, true);
      say(t("reviews.saving"));
      try {
        if (existing) await apiRequest("PATCH", "/reviews/" + enc(existing.id), body);
        else await apiRequest("POST", "/reviews", Object.assign({ course: slug }, body));
        shownFor = undefined;
        await reload();
        say(t(existing ? "reviews.saved" : "reviews.published"));
      } catch (error) {
        say("");
        showFormErrors(form, [[null, errorText(error)]]);
        // Already reviewed (in another tab): show that review, ready to change, keeping the message.
        if (error.status === 409) {
          shownFor = undefined;
          reload().then(() => showFormErrors(form, [[null, errorText(error)]])).catch(() => {});
        }
      } finally {
        setFormBusy(form, false);
      }
    });

    if (remove && confirm) {
      remove.addEventListener("click", () => {
        confirm.hidden = false;
        if (confirmYes) confirmYes.focus();
      });
    }
    if (confirmNo) {
      confirmNo.addEventListener("click", () => {
        confirm.hidden = true;
        if (remove) remove.focus();
      });
    }
    if (confirmYes) {
      confirmYes.addEventListener("click", async () => {
        const existing = mine();
        if (!existing) return;
        confirmYes.disabled = true;
        say(t("reviews.deleting"));
        try {
          await apiRequest("DELETE", "/reviews/" + enc(existing.id));
          shownFor = undefined;
          await reload();
          say(t("reviews.deleted"));
          if (ratings[0]) ratings[0].focus();
        } catch (error) {
          say("");
          showFormErrors(form, [[null, errorText(error)]]);
        } finally {
          confirmYes.disabled = false;
        }
      });
    }

    return {
      /** Shows the form to a learner who may write (filled from their review), hides it otherwise. */
      show(canWrite, review) {
        form.hidden = !canWrite;
        // Refill only when the review changed, so a list refresh never wipes what is being typed.
        if (canWrite && shownFor !== review) {
          shownFor = review;
          fill(review);
        }
      }
    };
  }


  Lectern.server.provide("reviews", { initCatalogRatings, initCourseReviews });
})((typeof window !== "undefined" ? window : globalThis));
