/* Lectern quizzes graded by `lectern serve`: the server keeps the attempt (resumed after a reload or at
 * another kiosk, answers saved as they are given) and sends the grade and feedback. Loaded after quiz.js
 * and server.js on quiz pages of a served site. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || typeof document === "undefined") return;
  if (!Lectern.quiz || !Lectern.server) return;
  const { t, element, formatNumber, chosenIds, safely, decorateSyllabus, showQuizNotice } = Lectern;
  const { load: loadProgress, recordQuiz } = Lectern.progress;
  const { QuizController, isAnswered } = Lectern.quiz;
  const { api: apiRequest, enc, siteRootHref, withReturn, noteEnrollment } = Lectern.server;

  /* ------------------------------------------ Quizzes graded by the server */

  /** The server's quiz description as the little of a key the controller needs: no answers in it. */
  function serverQuizKey(quiz) {
    return {
      quizId: quiz.id,
      passScore: Number(quiz.pass_score) || 0,
      maxAttempts: Number(quiz.max_attempts) > 0 ? Number(quiz.max_attempts) : null,
      timeLimitMinutes: Number(quiz.time_limit_minutes) || 0,
      // The server shuffles, per attempt; the page shows the attempt's order.
      shuffleQuestions: false,
      shuffleChoices: false,
      showAnswers: quiz.show_answers,
      questions: (Array.isArray(quiz.questions) ? quiz.questions : []).map((question) => ({
        id: question.id, type: question.type, points: Number(question.points) || 0
      }))
    };
  }

  /** A saved answer as the inputs take it: booleans and numbers as the strings a learner would give. */
  function inputAnswer(value) {
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    return value;
  }

  /**
   * A quiz whose answers stay on the server. The server keeps the attempt: it starts with the first
   * answer, or with "Start" when the quiz is timed (the deadline runs from there, and the attempt's
   * shuffled order shows from the beginning); the answers are saved as they are given, and a reload,
   * another page or another kiosk resumes it. Submitting sends the answers and shows the server's
   * grade and feedback.
   */
  class ServerQuizController extends QuizController {
    constructor(form, quiz, info, slug) {
      super(form, serverQuizKey(quiz), info);
      this.quiz = quiz;
      this.slug = slug;
      this.attempt = null;
      this.starting = null;
      this.busy = false;
      this.left = null;
      this.allowed = null;
      this.saveTimer = null;
    }

    get attemptsLeft() {
      return this.left;
    }

    /** Timed quizzes start with a button; others with the first answer, in the authored order. */
    get needsStart() {
      return this.timeLimitSeconds() > 0;
    }

    start() {
      showQuizNotice("");
      super.start();
      this.loadAttempts();
    }

    /** The server keeps open attempts, not the browser. */
    openAttempt() {
      return null;
    }

    prepare() {
      this.attempt = null;
      if (this.ui.submit) this.ui.submit.disabled = false;
      super.prepare();
    }

    attemptsPath() {
      return "/quizzes/" + enc(this.quizId) + "/attempts?course=" + enc(this.slug);
    }

    /** Attempts left, and the open attempt to resume when there is one. */
    async loadAttempts() {
      try {
        const listing = await apiRequest("GET", this.attemptsPath());
        this.allowed = Number.isFinite(listing.allowed) ? listing.allowed : null;
        this.left = Number.isFinite(listing.left) ? listing.left : null;
        if (listing.open) this.resumeAttempt(listing.open);
        else if (this.isLockedOut()) this.lockOut();
        this.showAttempts();
      } catch (error) {
        this.failed(error, "quiz.attemptError");
      }
    }

    /** Shows an attempt the server holds open, as the page resumes one it keeps itself: its order (timed
     *  quizzes show the attempt's), its saved answers and the time left (its deadline is started_at plus
     *  the time limit). */
    resumeAttempt(attempt) {
      this.attempt = attempt;
      const answers = {};
      for (const entry of Array.isArray(attempt.answers) ? attempt.answers : []) answers[entry.question_id] = inputAnswer(entry.answer);
      this.resume({
        startedAt: Lectern.timeOf(attempt.started_at) || Date.now(),
        order: this.needsStart ? attempt.question_order : null,
        choices: this.needsStart ? attempt.choice_order || {} : {},
        answers
      });
      if (!this.submitted) this.say(t("quiz.resumed"));
    }

    showAttemptOrder(attempt) {
      if (this.needsStart) this.showOrder(attempt.question_order, attempt.choice_order || {});
    }

    /** Starts the attempt (the server hands back the open one instead, if any), once at a time. */
    startAttempt() {
      if (!this.starting) {
        this.starting = apiRequest("POST", this.attemptsPath()).finally(() => { this.starting = null; });
      }
      return this.starting;
    }

    /** "Start": the attempt (and so the server's deadline) starts with the button. */
    async begin() {
      if (this.busy) return;
      this.busy = true;
      if (this.ui.start) this.ui.start.disabled = true;
      this.say(t("quiz.starting"));
      let attempt;
      try {
        attempt = await this.startAttempt();
      } catch (error) {
        this.failed(error, "quiz.attemptError");
        return;
      } finally {
        this.busy = false;
        if (this.ui.start) this.ui.start.disabled = false;
      }
      if (attempt.resumed) { this.resumeAttempt(attempt); return; }
      this.say("");
      this.attempt = attempt;
      this.attemptStartedAt = Date.now();
      this.showAttemptOrder(attempt);
      this.openQuestions(Lectern.timeOf(attempt.deadline));
      const firstInput = this.form.querySelector("li.question input");
      if (firstInput) firstInput.focus();
    }

    /** An answer given: the server keeps the attempt (it starts if it has not), and the answers are saved
     *  shortly after. */
    keepOpen() {
      if (this.saveTimer !== null) global.clearTimeout(this.saveTimer);
      this.saveTimer = global.setTimeout(() => {
        this.saveTimer = null;
        this.saveAnswers().catch((error) => { if (global.console) global.console.warn("Lectern: saving answers", error); });
      }, 600);
    }

    async saveAnswers() {
      if (this.submitted) return;
      if (!this.attempt) this.attempt = await this.startAttempt();
      if (this.submitted) return;
      await apiRequest("PUT", "/attempts/" + enc(this.attempt.id) + "/answers", { answers: this.serverAnswers(this.collectAnswers()) });
    }

    finish(timeUp) {
      if (this.submitted || this.busy) return;
      this.submitted = true;
      this.inProgress = false;
      this.busy = true;
      if (this.saveTimer !== null) { global.clearTimeout(this.saveTimer); this.saveTimer = null; }
      this.stopTimer();
      if (this.ui.confirm) this.ui.confirm.hidden = true;
      const answers = this.collectAnswers();
      this.setInputsDisabled(true);
      if (this.ui.submit) this.ui.submit.disabled = true;
      this.say(t("quiz.submitting"));
      this.grade(answers, timeUp).catch((error) => this.failed(error, "quiz.serverError")).finally(() => { this.busy = false; });
    }

    async grade(answers, timeUp) {
      if (!this.attempt) this.attempt = await this.startAttempt();
      const graded = await apiRequest("POST", "/attempts/" + enc(this.attempt.id) + "/submit", { answers: this.serverAnswers(answers) });
      this.attempt = null;
      this.left = Number.isFinite(graded.attempts_left) ? graded.attempts_left : null;
      const byId = new Map((Array.isArray(graded.results) ? graded.results : []).map((entry) => [entry.question_id, entry]));
      const questions = {};
      for (const question of this.key.questions) {
        const correct = (byId.get(question.id) || {}).correct === true;
        questions[question.id] = { correct, earned: correct ? question.points : 0, points: question.points };
      }
      const result = {
        score: Number(graded.score) || 0,
        earned: Number(graded.earned) || 0,
        total: Number(graded.total) || 0,
        passed: graded.passed === true,
        questions
      };
      if (this.ui.submit) this.ui.submit.disabled = false;
      for (const item of this.items) {
        const entry = byId.get(item.dataset.questionId);
        if (!entry) continue;
        this.showQuestionFeedback(item, {
          correct: entry.correct === true,
          answered: isAnswered(answers[item.dataset.questionId]),
          choiceHTML: Array.isArray(entry.choice_feedback) ? entry.choice_feedback : [],
          explanationHTML: typeof entry.explanation === "string" ? entry.explanation : "",
          right: entry.right_answer || null
        });
      }
      recordQuiz(this.info.courseId, this.quizId, result.score, result.passed);
      safely(() => this.report(this.attemptDetail(answers, result, Date.now())));
      decorateSyllabus(loadProgress(this.info.courseId));
      this.showGraded(result, timeUp);
    }

    /** The answers as the server takes them, left out when not given (which counts as wrong). */
    serverAnswers(answers) {
      const list = [];
      for (const item of this.items) {
        const id = item.dataset.questionId;
        const value = answers[id];
        let answer;
        if (item.dataset.type === "multiple") {
          if (chosenIds(value).length > 0) answer = chosenIds(value);
        } else if (typeof value === "string" && value.trim() !== "") {
          // Typed numbers go as typed: the server reads them by the same rules as the browser.
          answer = value;
        }
        if (answer !== undefined) list.push({ question_id: id, answer });
      }
      return list;
    }

    /** The best score (merged from the server) and the attempts left. */
    attemptParts() {
      const record = this.record;
      const parts = [];
      if (record.attempts > 0) parts.push(t("quiz.best", { best: formatNumber(record.best) }));
      if (this.left !== null) parts.push(t("quiz.attemptsLeft", { left: this.left }));
      return parts;
    }

    lockOut() {
      super.lockOut();
      if (this.ui.attempts) this.ui.attempts.textContent = t("quiz.noAttemptsLeft", { max: this.allowed || this.maxAttempts || 0 });
    }

    /** A message in the result box, without a verdict. */
    say(text) {
      const box = this.ui.result;
      if (!box) return;
      box.classList.remove("is-passed", "is-failed");
      box.replaceChildren(...(text ? [element("p", "quiz-message", text)] : []));
      box.hidden = !text;
    }

    /** The server refused or did not answer. */
    failed(error, messageKey) {
      this.submitted = false;
      if (error && error.signedOut) {
        this.say("");
        this.hideActions();
        showQuizNotice(t("quiz.signInToTake"), { text: t("account.signIn"), href: withReturn(siteRootHref(this.info) + "account.html") });
        return;
      }
      const status = error && typeof error.status === "number" ? error.status : -1;
      const detail = error && error.detail ? error.detail : String(error);
      if (status === 403) {
        // No attempts left, or not enrolled (any more).
        this.hideActions();
        this.setInputsDisabled(true);
        this.form.classList.add("is-locked");
        const max = this.allowed || Number(this.quiz.max_attempts);
        this.say(/attempts/i.test(detail) && max > 0 ? t("quiz.noAttemptsLeft", { max }) : detail);
        if (!/attempts/i.test(detail)) noteEnrollment(this.slug, false);
        return;
      }
      if (status === 409) {
        // Past the deadline (the saved answers were graded) or submitted elsewhere: "Try again" starts another.
        this.attempt = null;
        this.submitted = true;
        this.stopTimer();
        if (this.ui.timer) this.ui.timer.hidden = true;
        this.say(/time limit/i.test(detail) ? t("quiz.deadlinePassed") : t(messageKey, { detail }));
        if (this.ui.submit) this.ui.submit.hidden = true;
        this.ui.retry.hidden = false;
        return;
      }
      // Not answered or a server fault: the answers are still there to send again.
      this.say(t(messageKey, { detail }));
      this.setInputsDisabled(false);
      if (this.ui.submit) this.ui.submit.disabled = false;
    }

    hideActions() {
      this.stopTimer();
      for (const button of [this.ui.start, this.ui.submit, this.ui.retry]) if (button) button.hidden = true;
    }
  }


  Lectern.server.provide("quiz", ServerQuizController);
})((typeof window !== "undefined" ? window : globalThis));
