/* Lectern quizzes: the quiz page graded in the browser with the key the builder wrote (grading.js's rules),
 * its timer, shuffles, feedback, attempts and show_answers, and the attempt in progress kept in the
 * progress record so a reload or a return resumes it. server-quiz.js extends QuizController for quizzes
 * the server grades. Loaded on quiz pages only, after grading.js and lectern.js. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || typeof document === "undefined") return;
  const { t, tn, element, formatNumber, chosenIds, shuffleInPlace, safely, callHost, decorateSyllabus } = Lectern;
  const { load: loadProgress, save: saveProgress, recordQuiz } = Lectern.progress;
  const gradeQuiz = global.LecternGrading.gradeQuiz;

  /* ---------------------------------------------------------------- Quizzes graded in the browser */

  function initQuiz(info) {
    const form = document.getElementById("quiz-form");
    const keyElement = document.getElementById("quiz-key");
    // Without a key the quiz is graded elsewhere (or not at all): leave the page readable and static.
    if (!form || !keyElement) return;
    let key;
    try {
      key = JSON.parse(keyElement.textContent);
    } catch (error) {
      return;
    }
    new QuizController(form, key, info).start();
  }

  /** Keeps (or, with null, drops) a quiz's open attempt in the course's progress record. */
  function saveOpenAttempt(courseId, quizId, attempt) {
    const progress = loadProgress(courseId);
    if (attempt) progress.open[quizId] = attempt; else delete progress.open[quizId];
    saveProgress(courseId, progress);
  }

  /** Whether a quiz's show_answers lets a submission leaving `attemptsLeft` (null: unlimited) show right answers. */
  function revealsAnswers(showAnswers, attemptsLeft) {
    if (showAnswers === "always") return true;
    if (showAnswers === "after_last_attempt") return attemptsLeft === 0;
    return false;
  }

  /** Whether a question has been answered: a choice picked or something typed. */
  function isAnswered(answer) {
    return Array.isArray(answer) ? answer.length > 0 : typeof answer === "string" && answer.trim() !== "";
  }

  /**
   * Runs one quiz form: shuffles, times, grades, shows feedback and counts attempts. An attempt in
   * progress lives in the progress record (progress.open), so a reload, another page or a return to
   * the SCORM package resumes it with its order, answers and time left.
   */
  class QuizController {
    constructor(form, key, info) {
      this.form = form;
      this.key = key;
      this.info = info;
      this.quizId = form.dataset.quizId || key.quizId;
      this.list = form.querySelector(".questions");
      this.questions = new Map((key.questions || []).map((question) => [question.id, question]));
      this.ui = {
        timer: form.querySelector(".quiz-timer"),
        start: form.querySelector(".quiz-start"),
        submit: form.querySelector(".quiz-submit"),
        retry: form.querySelector(".quiz-retry") || this.makeRetryButton(),
        result: form.querySelector(".quiz-result"),
        attempts: form.querySelector(".quiz-attempts"),
        confirm: form.querySelector(".quiz-confirm")
      };
      this.timerHandle = null;
      this.submitted = false;
      // Read before the first shuffle: the template writes choices in authored order.
      this.authoredChoices = this.readAuthoredChoices();
      this.attemptStartedAt = Date.now();
      this.inProgress = false;
      this.lastChange = new Map();
    }

    get items() {
      return Array.from(this.form.querySelectorAll("li.question"));
    }

    get maxAttempts() {
      return Number(this.key.maxAttempts) > 0 ? Number(this.key.maxAttempts) : null;
    }

    get record() {
      return loadProgress(this.info.courseId).quizzes[this.quizId] || { best: 0, last: 0, attempts: 0, passed: false };
    }

    /** Attempts left (null: unlimited). */
    get attemptsLeft() {
      return this.maxAttempts === null ? null : Math.max(0, this.maxAttempts - this.record.attempts);
    }

    makeRetryButton() {
      const button = element("button", "quiz-retry", t("quiz.retry"));
      button.type = "button";
      button.hidden = true;
      const anchor = this.form.querySelector(".quiz-submit");
      if (anchor) anchor.after(button); else this.form.append(button);
      return button;
    }

    start() {
      this.nameInputs();
      this.form.addEventListener("submit", (event) => { event.preventDefault(); this.requestSubmit(); });
      // Enter in a typed answer would submit the whole quiz: a learner expects it to do nothing.
      this.form.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.target && event.target.matches && event.target.matches("input[type=text], input:not([type])")) {
          event.preventDefault();
        }
      });
      this.form.addEventListener("input", (event) => this.noteChange(event));
      this.form.addEventListener("change", (event) => this.noteChange(event));
      if (this.ui.start) this.ui.start.addEventListener("click", () => this.begin());
      this.ui.retry.addEventListener("click", () => this.reset());
      if (this.ui.confirm) {
        const [yes, no] = [this.ui.confirm.querySelector(".quiz-confirm-submit"), this.ui.confirm.querySelector(".quiz-confirm-cancel")];
        if (yes) yes.addEventListener("click", () => { this.ui.confirm.hidden = true; this.finish(false); });
        if (no) no.addEventListener("click", () => this.keepAnswering());
      }
      this.showAttempts();
      const open = this.openAttempt();
      if (open) { this.resume(open); return; }
      if (this.isLockedOut()) { this.lockOut(); return; }
      this.prepare();
    }

    /** The template names choice inputs by question number; the contract's names are q-<question id>. */
    nameInputs() {
      for (const item of this.items) {
        for (const input of item.querySelectorAll("input")) input.name = "q-" + item.dataset.questionId;
      }
    }

    isLockedOut() {
      return this.attemptsLeft === 0;
    }

    /** The attempt in progress kept in the progress record, if any. */
    openAttempt() {
      return loadProgress(this.info.courseId).open[this.quizId] || null;
    }

    /** Shuffles if asked and shows the start button (timed) or the submit button. */
    prepare() {
      this.submitted = false;
      this.inProgress = false;
      this.attemptStartedAt = Date.now();
      this.lastChange = new Map();
      this.shuffle();
      if (this.timeLimitSeconds() > 0 && this.ui.start) {
        if (this.list) this.list.hidden = true;
        this.ui.start.hidden = false;
        if (this.ui.submit) this.ui.submit.hidden = true;
      } else if (this.ui.submit) {
        this.ui.submit.hidden = false;
      }
    }

    timeLimitSeconds() {
      return Math.max(0, Number(this.key.timeLimitMinutes) || 0) * 60;
    }

    shuffle() {
      if (this.key.shuffleQuestions) this.showOrder(shuffleInPlace(this.items.map((item) => item.dataset.questionId)), {});
      const choices = {};
      if (this.key.shuffleChoices) {
        for (const item of this.items) {
          // True and false keep their usual order: shuffling them only confuses.
          if (item.dataset.type === "true_false") continue;
          const ids = Array.from(item.querySelectorAll(".choice input"), (input) => input.value);
          if (ids.length >= 2) choices[item.dataset.questionId] = shuffleInPlace(ids);
        }
      }
      this.showOrder(null, choices);
    }

    /** Shows the questions in `order` (ids; null keeps them) and each question's choices in `choices`. */
    showOrder(order, choices) {
      if (Array.isArray(order) && this.list) {
        const items = new Map(this.items.map((item) => [item.dataset.questionId, item]));
        for (const id of order) if (items.has(id)) this.list.append(items.get(id));
      }
      for (const item of this.items) {
        const ids = choices[item.dataset.questionId];
        if (!Array.isArray(ids)) continue;
        const byId = new Map(Array.from(item.querySelectorAll(".choice"), (choice) => [choice.querySelector("input").value, choice]));
        for (const id of ids) if (byId.has(id)) byId.get(id).parentNode.append(byId.get(id));
      }
      // Numbers in the legends follow the order on screen.
      this.items.forEach((item, index) => {
        const number = item.querySelector(".question-number");
        if (number) number.textContent = String(index + 1);
      });
    }

    /** The order on screen, to keep with the attempt. */
    currentOrder() {
      const choices = {};
      for (const item of this.items) {
        const ids = Array.from(item.querySelectorAll(".choice input"), (input) => input.value);
        if (ids.length > 0) choices[item.dataset.questionId] = ids;
      }
      return { order: this.items.map((item) => item.dataset.questionId), choices };
    }

    /** Timed quizzes: show the questions and start the countdown. */
    begin() {
      this.attemptStartedAt = Date.now();
      this.openQuestions(this.attemptStartedAt + this.timeLimitSeconds() * 1000);
      this.keepOpen();
      const firstInput = this.form.querySelector("li.question input");
      if (firstInput) firstInput.focus();
    }

    /** Shows the questions and the submit button; counts down to `deadline` (ms) when timed. */
    openQuestions(deadline) {
      this.inProgress = true;
      if (this.list) this.list.hidden = false;
      if (this.ui.start) this.ui.start.hidden = true;
      if (this.ui.submit) this.ui.submit.hidden = false;
      if (this.timeLimitSeconds() > 0) this.startTimer(deadline);
    }

    /** Back to an attempt left open: its order, its answers and, when timed, the time it had left. */
    resume(open) {
      this.attemptStartedAt = open.startedAt;
      this.showOrder(open.order, open.choices);
      this.fillAnswers(open.answers);
      const deadline = open.startedAt + this.timeLimitSeconds() * 1000;
      this.openQuestions(deadline);
      if (this.timeLimitSeconds() > 0 && Date.now() >= deadline) this.finish(true);
    }

    /** Puts saved answers back in the inputs. */
    fillAnswers(answers) {
      for (const item of this.items) {
        const answer = (answers || {})[item.dataset.questionId];
        if (answer === undefined) continue;
        const ids = chosenIds(answer);
        for (const input of item.querySelectorAll(".choice input")) input.checked = ids.includes(input.value);
        const text = item.querySelector("input[type=text], input:not([type])");
        if (text && typeof answer === "string") text.value = answer;
      }
    }

    /** Keeps the attempt in progress in the record: started, ordered, answered so far. */
    keepOpen() {
      saveOpenAttempt(this.info.courseId, this.quizId,
        Object.assign({ startedAt: this.attemptStartedAt, answers: this.collectAnswers() }, this.currentOrder()));
    }

    startTimer(deadline) {
      if (!this.ui.timer) return;
      // A deadline, not a counter: timers are throttled in background tabs.
      const tick = () => {
        const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        this.ui.timer.textContent = t("quiz.timeLeft", { time: formatClock(left) });
        this.ui.timer.classList.toggle("is-urgent", left <= 60);
        if (left === 0) this.finish(true);
      };
      this.ui.timer.hidden = false;
      tick();
      this.stopTimer();
      this.timerHandle = global.setInterval(tick, 250);
    }

    stopTimer() {
      if (this.timerHandle !== null) global.clearInterval(this.timerHandle);
      this.timerHandle = null;
    }

    /** The learner's answers, by question id: a string for one choice or typed text, an array for several. */
    collectAnswers() {
      const answers = {};
      for (const item of this.items) {
        const id = item.dataset.questionId;
        const type = item.dataset.type;
        if (type === "multiple") {
          answers[id] = Array.from(item.querySelectorAll("input[type=checkbox]:checked"), (input) => input.value);
        } else if (type === "short" || type === "numeric") {
          const input = item.querySelector("input[type=text], input:not([type])");
          if (input) answers[id] = input.value;
        } else {
          const checked = item.querySelector("input[type=radio]:checked");
          if (checked) answers[id] = checked.value;
        }
      }
      return answers;
    }

    /** Submitting with questions unanswered asks first, naming them; time running out does not ask. */
    requestSubmit() {
      if (this.submitted) return;
      const answers = this.collectAnswers();
      const unanswered = this.items.filter((item) => !isAnswered(answers[item.dataset.questionId]));
      if (unanswered.length === 0 || !this.ui.confirm) { this.finish(false); return; }
      const numbers = unanswered.map((item) => (item.querySelector(".question-number") || {}).textContent || "");
      const text = this.ui.confirm.querySelector(".quiz-confirm-text");
      if (text) text.textContent = tn("quiz.unansweredCount", unanswered.length, { questions: numbers.join(", ") });
      this.ui.confirm.hidden = false;
      const yes = this.ui.confirm.querySelector(".quiz-confirm-submit");
      if (yes) yes.focus();
    }

    keepAnswering() {
      this.ui.confirm.hidden = true;
      const answers = this.collectAnswers();
      const first = this.items.find((item) => !isAnswered(answers[item.dataset.questionId]));
      const input = first ? first.querySelector("input") : null;
      if (input) input.focus();
    }

    finish(timeUp) {
      if (this.submitted) return;
      this.submitted = true;
      this.inProgress = false;
      this.stopTimer();
      if (this.ui.confirm) this.ui.confirm.hidden = true;
      const answers = this.collectAnswers();
      const result = gradeQuiz(this.key, answers);
      this.setInputsDisabled(true);
      saveOpenAttempt(this.info.courseId, this.quizId, null);
      recordQuiz(this.info.courseId, this.quizId, result.score, result.passed);
      const reveal = revealsAnswers(this.key.showAnswers, this.attemptsLeft);
      this.showFeedback(answers, result, reveal);
      safely(() => this.report(this.attemptDetail(answers, result, Date.now())));
      decorateSyllabus(loadProgress(this.info.courseId));
      this.showGraded(result, timeUp);
    }

    /** After grading: the score first, then "Try again" (or why not); the timer goes away. */
    showGraded(result, timeUp) {
      if (this.ui.timer) this.ui.timer.hidden = true;
      this.showResult(result, timeUp);
      this.showAttempts();
      if (this.ui.submit) this.ui.submit.hidden = true;
      if (this.list) this.list.hidden = false;
      if (this.isLockedOut()) this.lockOut(); else this.ui.retry.hidden = false;
    }

    /** Choice ids of each question in the order the page was written in, before any shuffle. */
    readAuthoredChoices() {
      const order = new Map();
      for (const item of this.items) {
        order.set(item.dataset.questionId, Array.from(item.querySelectorAll(".choice input"), (input) => input.value));
      }
      return order;
    }

    /** When the learner last changed a question's inputs (for the interaction's latency); an untimed
     *  attempt opens with its first answer, and every change is kept with it. */
    noteChange(event) {
      const item = event.target && event.target.closest ? event.target.closest("li.question") : null;
      if (!item || !item.dataset.questionId || this.submitted) return;
      this.lastChange.set(item.dataset.questionId, Date.now());
      if (!this.inProgress) {
        this.inProgress = true;
        this.attemptStartedAt = Date.now();
      }
      this.keepOpen();
    }

    /** One submission, question by question in authored order, for the lectern:quiz event and SCORM. */
    attemptDetail(answers, result, submittedAt) {
      const questions = (this.key.questions || []).map((question) => {
        const outcome = result.questions[question.id] || { correct: false, earned: 0, points: Number(question.points) || 0 };
        const changed = this.lastChange.get(question.id);
        return {
          id: question.id,
          type: question.type,
          response: responseOf(question.type, answers[question.id]),
          correct: outcome.correct,
          points: outcome.points,
          earned: outcome.earned,
          latencyMs: changed ? Math.max(0, changed - this.attemptStartedAt) : 0,
          prompt: this.promptText(question.id),
          choices: this.choiceOrder(question),
          key: keyOf(question)
        };
      });
      return {
        quizId: this.quizId,
        score: result.score,
        passed: result.passed,
        earned: result.earned,
        total: result.total,
        passScore: Number(this.key.passScore) || 0,
        startedAt: this.attemptStartedAt,
        submittedAt,
        attempt: this.record.attempts,
        questions
      };
    }

    /** The key's authored choice order when the builder gives it, else the page's. */
    choiceOrder(question) {
      if (!CHOICE_TYPES.has(question.type)) return [];
      if (Array.isArray(question.choices)) return question.choices.slice();
      return (this.authoredChoices.get(question.id) || []).slice();
    }

    /** The prompt as plain text: the builder's (without the page's code block buttons and labels). */
    promptText(questionId) {
      const question = this.questions.get(questionId);
      if (question && typeof question.promptText === "string") return question.promptText;
      const item = this.items.find((candidate) => candidate.dataset.questionId === questionId);
      const prompt = item ? item.querySelector(".prompt") : null;
      return prompt ? prompt.textContent.replace(/\s+/g, " ").trim() : "";
    }

    /** Tells listeners on this page, and the SCORM launch page when there is one. */
    report(detail) {
      if (typeof CustomEvent === "function") document.dispatchEvent(new CustomEvent("lectern:quiz", { detail }));
      callHost("recordQuiz", detail);
    }

    /** Per question: right or wrong, the chosen choices' feedback, the explanation, and the right
     *  answer when allowed, from the key's HTML. */
    showFeedback(answers, result, reveal) {
      for (const item of this.items) {
        const question = this.questions.get(item.dataset.questionId);
        const outcome = result.questions[item.dataset.questionId];
        if (!question || !outcome) continue;
        const feedback = question.feedback || {};
        const chosen = chosenIds(answers[question.id]).filter((id) => feedback[id]).map((id) => feedback[id]);
        this.showQuestionFeedback(item, {
          correct: outcome.correct,
          answered: isAnswered(answers[question.id]),
          choiceHTML: chosen,
          explanationHTML: question.explanation || "",
          right: reveal && !outcome.correct ? rightAnswerOf(question) : null
        });
      }
    }

    /** Fills a question's feedback box: {correct, answered, choiceHTML: [html], explanationHTML, right}. */
    showQuestionFeedback(item, outcome) {
      item.classList.toggle("is-correct", outcome.correct);
      item.classList.toggle("is-incorrect", !outcome.correct);
      const box = item.querySelector(".feedback");
      if (!box) return;
      const fragment = document.createDocumentFragment();
      const verdict = element("p", "feedback-verdict");
      verdict.append(element("strong", "", outcome.correct ? t("quiz.correct") : t("quiz.incorrect")));
      if (!outcome.answered) verdict.append(" " + t("quiz.unanswered"));
      fragment.append(verdict);
      if (outcome.right) fragment.append(this.rightAnswerLine(item, outcome.right));
      for (const html of outcome.choiceHTML) {
        const part = element("div", "feedback-choice");
        part.innerHTML = html;   // the builder's HTML, from the course's Markdown
        fragment.append(part);
      }
      if (outcome.explanationHTML) {
        const part = element("div", "feedback-explanation");
        part.append(element("p", "feedback-heading", t("quiz.explanation")));
        const body = element("div");
        body.innerHTML = outcome.explanationHTML;
        part.append(body);
        fragment.append(part);
      }
      box.replaceChildren(fragment);
      box.classList.toggle("is-correct", outcome.correct);
      box.classList.toggle("is-incorrect", !outcome.correct);
      box.hidden = false;
    }

    /** "The right answer: …", with right choices marked in the list. */
    rightAnswerLine(item, right) {
      const line = element("p", "feedback-right-answer");
      let text = "";
      if (Array.isArray(right.choices)) {
        const labels = [];
        for (const id of right.choices) {
          const input = Array.from(item.querySelectorAll(".choice input")).find((candidate) => candidate.value === id);
          if (!input) continue;
          input.closest(".choice").classList.add("is-right-answer");
          const label = item.querySelector("label[for='" + input.id + "']");
          labels.push(label ? label.textContent.trim() : id);
        }
        text = labels.join("; ");
      } else if (typeof right.text === "string") {
        text = right.text;
      } else if (Number.isFinite(right.value)) {
        text = formatNumber(right.value) + (Number(right.tolerance) > 0 ? " ± " + formatNumber(right.tolerance) : "");
      }
      line.textContent = t("quiz.rightAnswer", { answer: text });
      return line;
    }

    showResult(result, timeUp) {
      const box = this.ui.result;
      if (!box) return;
      const lines = [];
      if (timeUp) lines.push(element("p", "quiz-time-up", t("quiz.timeUp")));
      lines.push(element("p", "quiz-score", t("quiz.score", {
        score: formatNumber(result.score), earned: formatNumber(result.earned), total: formatNumber(result.total)
      })));
      const passScore = formatNumber(Number(this.key.passScore) || 0);
      lines.push(element("p", "quiz-verdict", t(result.passed ? "quiz.passed" : "quiz.failed", { passScore })));
      box.replaceChildren(...lines);
      box.classList.toggle("is-passed", result.passed);
      box.classList.toggle("is-failed", !result.passed);
      box.hidden = false;
      box.focus();
    }

    /** The best score, and the attempts used (of how many). */
    attemptParts() {
      const record = this.record;
      const parts = [];
      if (record.attempts > 0) parts.push(t("quiz.best", { best: formatNumber(record.best) }));
      if (this.maxAttempts !== null) {
        parts.push(t("quiz.attemptsOfMax", { attempts: record.attempts, max: this.maxAttempts }));
      } else if (record.attempts > 0) {
        parts.push(t("quiz.attempts", { attempts: record.attempts }));
      }
      return parts;
    }

    showAttempts() {
      const box = this.ui.attempts;
      if (!box) return;
      const parts = this.attemptParts();
      box.textContent = parts.join(" ");
      box.hidden = parts.length === 0;
    }

    /** No attempts left: answers can no longer be given, and the page says why. */
    lockOut() {
      this.stopTimer();
      this.setInputsDisabled(true);
      for (const button of [this.ui.start, this.ui.submit, this.ui.retry]) if (button) button.hidden = true;
      if (this.list) this.list.hidden = false;
      this.form.classList.add("is-locked");
      if (this.ui.attempts) {
        const notice = t("quiz.noAttemptsLeft", { max: this.maxAttempts });
        this.ui.attempts.textContent = [notice, this.ui.attempts.textContent].filter(Boolean).join(" ");
        this.ui.attempts.hidden = false;
      }
    }

    setInputsDisabled(disabled) {
      for (const fieldset of this.form.querySelectorAll("li.question fieldset")) fieldset.disabled = disabled;
    }

    /** "Try again": clear everything, reshuffle, and start over (with a fresh timer when timed). */
    reset() {
      this.form.reset();
      for (const item of this.items) {
        item.classList.remove("is-correct", "is-incorrect");
        for (const choice of item.querySelectorAll(".is-right-answer")) choice.classList.remove("is-right-answer");
        const box = item.querySelector(".feedback");
        if (box) { box.hidden = true; box.replaceChildren(); }
      }
      if (this.ui.result) { this.ui.result.hidden = true; this.ui.result.replaceChildren(); }
      if (this.ui.timer) this.ui.timer.hidden = true;
      this.ui.retry.hidden = true;
      this.setInputsDisabled(false);
      this.prepare();
      const target = this.ui.start && !this.ui.start.hidden ? this.ui.start : this.form.querySelector("li.question input");
      if (target) target.focus();
    }
  }

  /** The right answer of a key question, in the server's shape: {choices} | {text} | {value, tolerance}. */
  function rightAnswerOf(question) {
    if (CHOICE_TYPES.has(question.type)) return { choices: (question.correct || []).slice() };
    if (question.type === "short") return { text: (question.accepted || [])[0] || "" };
    return { value: Number(question.value), tolerance: Number(question.tolerance) || 0 };
  }

  const CHOICE_TYPES = new Set(["single", "multiple", "true_false"]);
  const KEY_FIELDS = ["correct", "accepted", "caseSensitive", "value", "tolerance"];

  /** An answer as the lectern:quiz detail reports it: the chosen ids for "multiple" ([] if none), else
   *  the chosen id or typed text ("" if none). */
  function responseOf(type, answer) {
    if (type === "multiple") return chosenIds(answer);
    if (Array.isArray(answer)) return answer.length > 0 ? String(answer[0]) : "";
    return typeof answer === "string" ? answer : "";
  }

  /** The grading part of a question's key, copied. */
  function keyOf(question) {
    const key = {};
    for (const field of KEY_FIELDS) {
      if (!Object.prototype.hasOwnProperty.call(question, field)) continue;
      const value = question[field];
      key[field] = Array.isArray(value) ? value.slice() : value;
    }
    return key;
  }

  /** Seconds as m:ss or mm:ss. */
  function formatClock(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return String(minutes).padStart(2, "0") + ":" + String(rest).padStart(2, "0");
  }



  Lectern.quiz = { QuizController, isAnswered };
  const info = Lectern.pageInfo();
  if (info.page === "quiz") safely(initQuiz, info);
})((typeof window !== "undefined" ? window : globalThis));
