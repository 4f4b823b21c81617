/* quizapp live: the student's page. Plain ES5 (no modules, no build step) so old phones run it.
   Everything from the server is shown with textContent, never as HTML. Protocol: see server.py. */
(function () {
  "use strict";
  var SHAPES = ["\u25B2", "\u25C6", "\u25CF", "\u25A0"]; // triangle, diamond, circle, square
  var LETTERS = "ABCD";
  var KEY = "quizapp-live-" + location.host;
  var sentFor = null;
  var mine = null; // {index, text}: the answer this phone sent, to show beside the right one
  var ws = null, pin = "", token = null, question = null, deadline = 0, timer = null, over = false, retry = 0;

  function $(id) { return document.getElementById(id); }
  function show(id) {
    var steps = document.querySelectorAll(".step");
    for (var i = 0; i < steps.length; i++) { steps[i].classList.add("hidden"); }
    $(id).classList.remove("hidden");
  }
  function status(text, bad) {
    $("status").textContent = text || "";
    $("status").className = bad ? "bad" : "";
  }
  function wait(text) { $("wait-text").textContent = text; show("wait"); }
  function ordinal(n) {
    var s = ["th", "st", "nd", "rd"], v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }
  function send(obj) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(obj)); return true; }
    status("Not connected; trying again\u2026", true);
    return false;
  }
  function saveToken(t) {
    token = t;
    try { if (t) { localStorage.setItem(KEY, t); } else { localStorage.removeItem(KEY); } } catch (e) { /* private mode */ }
  }

  function connect() {
    ws = new WebSocket("ws://" + location.host + "/ws");
    ws.onopen = function () {
      retry = 0;
      sentFor = null; // an answer lost with the old connection may be sent again
      status("");
      if (token) { send({type: "resume", token: token}); }
    };
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      handle(msg);
    };
    ws.onclose = function () {
      ws = null;
      if (over) { return; }
      retry = Math.min(retry + 1, 5);
      status("Connection lost; reconnecting\u2026", true);
      setTimeout(connect, 700 * retry);
    };
  }

  function handle(msg) {
    if (msg.type === "class") { status(""); chooseSelf(msg); } // a wrong PIN's message is stale once the right one is in
    else if (msg.type === "welcome") {
      if (msg.token) { saveToken(msg.token); }
      $("title").textContent = msg.name;
      status("");
    }
    else if (msg.type === "lobby") { wait("You are in! Wait for your teacher to start."); }
    else if (msg.type === "question") { ask(msg); }
    else if (msg.type === "ack") {
      status("");
      if (!$("question").classList.contains("hidden")) { stopTimer(); wait("Answer saved. Wait for the others\u2026"); }
    }
    else if (msg.type === "reveal") { status(""); reveal(msg); }
    else if (msg.type === "board") { result("Scores", msg.score + " points \u00B7 " + place(msg)); }
    else if (msg.type === "end") {
      over = true;
      result("Game over!", msg.score + " points \u00B7 " + place(msg));
      saveToken(null);
    }
    else if (msg.type === "released") {
      saveToken(null);
      status("Your teacher released your seat. Sign in again.", true);
      show("pin-form");
    }
    else if (msg.type === "error") {
      if (msg.code === "bad_token" || msg.code === "game_over") { saveToken(null); show("pin-form"); }
      if (msg.code === "closed" || msg.code === "late" || msg.code === "already_answered") { wait(msg.message); }
      else { sentFor = null; enableOptions(); }
      status(msg.message, true);
    }
  }

  function place(msg) { return msg.rank ? ordinal(msg.rank) + " of " + msg.players : ""; }

  function chooseSelf(msg) {
    $("title").textContent = msg.title;
    if (msg.guests) { show("guest-form"); $("nickname").focus(); return; }
    var sel = $("student");
    while (sel.firstChild) { sel.removeChild(sel.firstChild); }
    var blank = document.createElement("option");
    blank.value = ""; blank.textContent = "\u2014 pick your name \u2014";
    sel.appendChild(blank);
    for (var i = 0; i < msg.students.length; i++) {
      var s = msg.students[i], opt = document.createElement("option");
      opt.value = s.id;
      opt.textContent = s.name + (s.taken ? " (signed in)" : "");
      sel.appendChild(opt);
    }
    show("who-form");
    sel.focus();
  }

  function ask(msg) {
    if (msg.index === sentFor && !msg.answered) { return; } // the same question again while our answer travels
    if (question && question.index === msg.index && !$("question").classList.contains("hidden")) {
      startTimer(msg.seconds_left, msg.paused); // the same question again: only its clock (paused or resumed)
      return;
    }
    question = msg;
    if (msg.late) { wait("You joined during this question: you start with the next one."); return; }
    if (msg.answered) { wait("Answer saved. Wait for the others\u2026"); return; }
    $("progress").textContent = "Question " + msg.number + " of " + msg.total;
    $("prompt").textContent = (msg.kind === "truefalse" ? "True or false? " : "") + msg.prompt;
    var box = $("options");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var typed = msg.kind === "typed" || msg.kind === "cloze";
    $("text-form").classList.toggle("hidden", !typed);
    if (typed) {
      $("text-answer").value = "";
    } else {
      for (var i = 0; i < msg.options.length; i++) { box.appendChild(optionButton(msg, i)); }
    }
    show("question");
    status("");
    if (typed) { $("text-answer").focus(); } else if (box.firstChild) { box.firstChild.focus(); }
    startTimer(msg.seconds_left, msg.paused);
  }

  function optionButton(msg, i) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "option c" + (i % 4);
    var shape = document.createElement("span");
    shape.className = "shape";
    shape.setAttribute("aria-hidden", "true");
    shape.textContent = SHAPES[i % 4];
    b.appendChild(shape);
    var letter = document.createElement("span");
    letter.className = "letter";
    letter.textContent = LETTERS.charAt(i);
    b.appendChild(letter);
    var text = document.createElement("span");
    text.className = "text";
    text.textContent = msg.options[i];
    b.appendChild(text);
    b.setAttribute("aria-label", "Answer " + LETTERS.charAt(i) + ": " + msg.options[i]);
    b.onclick = function () {
      var answer = msg.kind === "truefalse" ? i === 0 : i;
      if (send({type: "answer", index: msg.index, answer: answer})) {
        sentFor = msg.index;
        mine = {index: msg.index, text: msg.options[i]};
        disableOptions(b);
        status("Sending\u2026");
      }
    };
    return b;
  }
  function disableOptions(chosen) {
    var all = $("options").querySelectorAll("button");
    for (var i = 0; i < all.length; i++) { all[i].disabled = true; }
    if (chosen) { chosen.classList.add("chosen"); }
  }
  function enableOptions() {
    var all = $("options").querySelectorAll("button");
    for (var i = 0; i < all.length; i++) { all[i].disabled = false; all[i].classList.remove("chosen"); }
  }

  function startTimer(seconds, paused) {
    stopTimer();
    if (seconds === null || seconds === undefined) { $("timer").textContent = ""; return; }
    if (paused) { $("timer").textContent = Math.ceil(seconds) + " s \u00B7 paused"; return; }
    deadline = Date.now() + seconds * 1000; // shown only: the server's clock decides
    var draw = function () {
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      $("timer").textContent = left + " s";
      if (left <= 0) { stopTimer(); }
    };
    draw();
    timer = setInterval(draw, 250);
  }
  function stopTimer() { if (timer) { clearInterval(timer); timer = null; } }

  function reveal(msg) {
    stopTimer();
    var head, cls;
    if (msg.correct === true) { head = "Right! +" + msg.points + (msg.rank ? " \u00B7 " + ordinal(msg.rank) : ""); cls = "right"; }
    else if (msg.correct === false) { head = "Not quite."; cls = "wrong"; }
    else { head = "No answer this time."; cls = "wrong"; }
    var given = msg.correct === false && mine && question && mine.index === question.index;
    var detail = msg.correct === true ? "" : (given ? "You answered " + mine.text + ". " : "") + "The answer: " + msg.answer + ". ";
    result(head, detail + "You have " + msg.score + " points.", cls);
  }
  function result(head, detail, cls) {
    stopTimer();
    $("result-head").textContent = head;
    $("result-head").className = "big " + (cls || "");
    $("result-detail").textContent = detail;
    show("result");
  }

  $("pin-form").onsubmit = function (e) {
    e.preventDefault();
    pin = $("pin").value.replace(/\s/g, "");
    send({type: "hello", pin: pin});
  };
  $("who-form").onsubmit = function (e) {
    e.preventDefault();
    var id = $("typed-id").value.trim() || $("student").value;
    if (!id) { status("Pick your name or type your id.", true); return; }
    send({type: "join", pin: pin, student: id, code: $("code").value});
  };
  $("guest-form").onsubmit = function (e) {
    e.preventDefault();
    send({type: "join", pin: pin, nickname: $("nickname").value});
  };
  $("text-form").onsubmit = function (e) {
    e.preventDefault();
    var text = $("text-answer").value.trim();
    if (!text || !question) { return; }
    if (send({type: "answer", index: question.index, answer: text})) {
      sentFor = question.index;
      mine = {index: question.index, text: text};
      status("Sending\u2026");
    }
  };

  var m = /[?&]pin=([0-9]+)/.exec(location.search);
  if (m) { $("pin").value = m[1]; }
  try { token = localStorage.getItem(KEY); } catch (e) { token = null; }
  if (token) { wait("Reconnecting\u2026"); }
  $("pin").focus();
  connect();
}());
