/**
 * Builds a large synthetic ENG5-style dataset for benchmarks (e.g. inventory over 2,000 essays).
 *
 * Layout (same as `examples/eng5/`):
 *   <dir>/eng5_np_vt_2017_essay_instruction.md
 *   <dir>/ANCHOR_ESSAYS_BAYESIAN_INFERENCE_DATA.csv
 *   <dir>/anchor_essays/anchor_<grade><n>.{docx,txt}        12 anchors, copied from the example data
 *   <dir>/student_essays/student_<nnnn>_<name>.{docx,txt}  `count` essays, alternating .docx / .txt
 *
 * Student texts are 2–3 KB of word salad built from a fixed word list with a seeded PRNG,
 * so the same (count, seed) always produces byte-identical files.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ANCHOR_DIR,
  ANCHOR_ESSAYS,
  ANCHORS_CSV_FILE_NAME,
  INSTRUCTIONS_FILE_NAME,
  INSTRUCTIONS_MD,
  STUDENT_DIR,
  anchorFileName,
  anchorsCsv,
  renderEssay,
  studentFileName,
  type StudentEssay,
} from "../../scripts/eng5-example-data.js";

const WORDS: readonly string[] = [
  "summer", "job", "teenager", "money", "work", "school", "holiday", "friends", "family", "parents",
  "experience", "responsibility", "salary", "customer", "shop", "cafe", "kiosk", "farm", "strawberries", "bakery",
  "morning", "evening", "weekend", "week", "month", "year", "time", "rest", "stress", "future",
  "opinion", "argument", "reason", "example", "conclusion", "advantage", "disadvantage", "problem", "solution", "chance",
  "municipality", "town", "city", "village", "beach", "lake", "forest", "park", "pool", "ferry",
  "learn", "earn", "save", "spend", "apply", "help", "decide", "believe", "think", "understand",
  "important", "difficult", "easy", "boring", "exciting", "tired", "proud", "independent", "useful", "fair",
  "unfair", "young", "older", "different", "valuable", "short", "long", "early", "late", "real",
  "because", "however", "therefore", "although", "moreover", "furthermore", "still", "also", "perhaps", "really",
  "the", "a", "and", "but", "or", "so", "with", "without", "for", "from",
  "every", "some", "many", "most", "few", "other", "own", "new", "good", "bad",
  "is", "are", "was", "were", "have", "has", "can", "should", "would", "might",
  "I", "you", "we", "they", "she", "he", "it", "people", "everyone", "nobody",
  "reference", "application", "contact", "boss", "colleague", "team", "training", "course", "driving", "licence",
  "phone", "computer", "bike", "moped", "clothes", "trip", "concert", "cinema", "football", "music",
];

const FIRST_NAMES: readonly string[] = [
  "alva", "elias", "maja", "william", "ebba", "lucas", "noah", "saga", "hugo", "alice",
  "oscar", "wilma", "liam", "elsa", "adam", "stella", "leo", "astrid", "isak", "freja",
  "viktor", "ella", "theo", "nora", "olle", "selma", "axel", "ines", "melvin", "tyra",
];

const MIN_TEXT_BYTES = 2048;
const MAX_TARGET_BYTES = 2900; // the last sentence may overshoot by ~150 bytes, staying under ~3 KB
const DEFAULT_SEED = 2017;
const WRITE_CONCURRENCY = 32;

/** mulberry32: tiny, fast, deterministic 32-bit PRNG returning floats in [0, 1). */
const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(items: readonly T[], random: () => number): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
};

const between = (min: number, max: number, random: () => number): number => min + Math.floor(random() * (max - min + 1));

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const sentence = (random: () => number): string => {
  const words = Array.from({ length: between(6, 16, random) }, () => pick(WORDS, random));
  const end = random() < 0.1 ? "?" : ".";
  return `${capitalise(words.join(" "))}${end}`;
};

/** A synthetic essay (title + paragraphs separated by blank lines) of 2–3 KB. */
export const synthEssay = (number: number, seed: number = DEFAULT_SEED): string => {
  const random = mulberry32(Math.imul(seed, 0x9e3779b1) ^ number);
  const target = between(MIN_TEXT_BYTES, MAX_TARGET_BYTES, random);
  const title = `Essay ${number}: ${capitalise(pick(WORDS, random))} ${pick(WORDS, random)} ${pick(WORDS, random)}`;
  const paragraphs: string[] = [];
  let current: string[] = [];
  let paragraphSize = between(3, 6, random);
  let length = title.length;
  // Add sentence by sentence so the text overshoots the target by at most one sentence.
  while (length < target) {
    const next = sentence(random);
    current.push(next);
    length += next.length + (current.length === 1 ? 2 : 1);
    if (current.length === paragraphSize) {
      paragraphs.push(current.join(" "));
      current = [];
      paragraphSize = between(3, 6, random);
    }
  }
  if (current.length > 0) paragraphs.push(current.join(" "));
  return [title, ...paragraphs].join("\n\n");
};

const runLimited = async (tasks: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      if (task !== undefined) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
};

/**
 * Write a synthetic ENG5 dataset with `count` student essays (odd numbers .docx, even .txt;
 * all .docx when `allDocx`),
 * the 12 example anchors, the anchors CSV and the instructions file into `dir`.
 * Existing files with the same names are overwritten; nothing else is removed.
 */
export const generateCorpus = async (dir: string, count: number, seed: number = DEFAULT_SEED, allDocx = false): Promise<void> => {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  await mkdir(join(dir, ANCHOR_DIR), { recursive: true });
  await mkdir(join(dir, STUDENT_DIR), { recursive: true });

  const writes: Array<() => Promise<void>> = [
    () => writeFile(join(dir, INSTRUCTIONS_FILE_NAME), INSTRUCTIONS_MD),
    () => writeFile(join(dir, ANCHORS_CSV_FILE_NAME), anchorsCsv(ANCHOR_ESSAYS)),
    ...ANCHOR_ESSAYS.map(
      (anchor) => () => writeFile(join(dir, ANCHOR_DIR, anchorFileName(anchor)), renderEssay(anchor.format, anchor.text)),
    ),
  ];

  const width = Math.max(2, String(count).length);
  for (let number = 1; number <= count; number += 1) {
    writes.push(async () => {
      const student: StudentEssay = {
        number,
        name: pick(FIRST_NAMES, mulberry32(seed ^ Math.imul(number, 0x85ebca6b))),
        format: allDocx || number % 2 === 1 ? "docx" : "txt",
        text: synthEssay(number, seed),
      };
      await writeFile(join(dir, STUDENT_DIR, studentFileName(student, width)), renderEssay(student.format, student.text));
    });
  }

  await runLimited(writes, WRITE_CONCURRENCY);
};
