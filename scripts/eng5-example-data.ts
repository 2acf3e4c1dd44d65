/**
 * Source data for the synthetic ENG5 example dataset in `examples/eng5/`.
 *
 * Every text below was written for this repository: the writing task, the
 * anchor essays and the student essays are invented and contain no real test
 * material or real student writing. Spelling and grammar mistakes in the
 * lower-grade essays are deliberate.
 *
 * Essay texts are plain strings; paragraphs are separated by blank lines and the
 * first paragraph is the essay's title.
 */
import { makeDocx, makePdf } from "../test/support/documents.js";

export type EssayFormat = "docx" | "txt" | "md" | "pdf";

/** The ENG5 grade scale, lowest to highest. */
export const ENG5_GRADES = ["F+", "E-", "E+", "D-", "D+", "C-", "C+", "B", "A"] as const;
export type Eng5Grade = (typeof ENG5_GRADES)[number];

export interface AnchorEssay {
  readonly grade: Eng5Grade;
  /** Distinct per letter so that sanitised stems never collide (C+1, C+2, C-3). */
  readonly number: number;
  readonly format: "docx" | "txt";
  readonly text: string;
}

export interface StudentEssay {
  readonly number: number;
  readonly name: string;
  readonly format: EssayFormat;
  readonly text: string;
}

export const INSTRUCTIONS_FILE_NAME = "eng5_np_vt_2017_essay_instruction.md";
export const ANCHORS_CSV_FILE_NAME = "ANCHOR_ESSAYS_BAYESIAN_INFERENCE_DATA.csv";
export const ANCHOR_DIR = "anchor_essays";
export const STUDENT_DIR = "student_essays";

// ---------------------------------------------------------------------------
// Naming and rendering helpers (shared with bench/lib/generate-corpus.ts)
// ---------------------------------------------------------------------------

/** `anchor_C+1.docx`: the grade follows the last underscore, then optional digits. */
export const anchorFileName = (anchor: AnchorEssay): string =>
  `anchor_${anchor.grade}${anchor.number}.${anchor.format}`;

/** `ENG5_ANCHOR_CPLUS1`: already a valid anchor key (only [A-Z0-9_], at most 27 characters). */
export const anchorId = (anchor: AnchorEssay): string =>
  `ENG5_ANCHOR_${anchor.grade.replace("+", "PLUS").replace("-", "MINUS")}${anchor.number}`;

export const studentFileName = (student: StudentEssay, width = 2): string =>
  `student_${student.number.toString().padStart(width, "0")}_${student.name}.${student.format}`;

export const anchorsCsv = (anchors: readonly AnchorEssay[]): string =>
  ["ANCHOR-ID,FILE-NAME,GRADE", ...anchors.map((a) => `${anchorId(a)},${anchorFileName(a)},${a.grade}`)].join("\n") +
  "\n";

/** Split an essay into paragraphs (blank-line separated; single newlines inside a paragraph become spaces). */
export const paragraphsOf = (text: string): string[] =>
  text
    .trim()
    .split(/\n[ \t]*\n/u)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/gu, " ").trim())
    .filter((paragraph) => paragraph !== "");

/** Render an essay in the given file format. The first paragraph is the title. */
export const renderEssay = (format: EssayFormat, text: string): Uint8Array => {
  const paragraphs = paragraphsOf(text);
  switch (format) {
    case "docx":
      return makeDocx(paragraphs);
    case "txt":
      return new TextEncoder().encode(`${paragraphs.join("\n\n")}\n`);
    case "md": {
      const [title = "", ...body] = paragraphs;
      return new TextEncoder().encode(`# ${title}\n\n${body.join("\n\n")}\n`);
    }
    case "pdf":
      return makePdf(paragraphs.flatMap((paragraph, i) => (i === 0 ? [paragraph] : ["", paragraph])));
  }
};

// ---------------------------------------------------------------------------
// Instructions
// ---------------------------------------------------------------------------

export const INSTRUCTIONS_MD = `# ENG5 NP VT 2017 – Writing: "Worth the Work?"

> Synthetic example material written for the eng5 CLI. It imitates the style of a Swedish
> national test in English for year 9 but is not, and does not quote, any real test.

## The task

Your school's web magazine runs a debate series called *Big Questions*. This term's question is:

**Should every teenager have a summer job?**

Write a text for the magazine in which you give your opinion and argue for it. Your readers are
students in years 7–9, their parents and their teachers.

In your text you should:

- state your own opinion clearly
- support it with arguments and examples, for instance from your own experience or from people you know
- show that you have thought about what someone who disagrees might say
- end with a conclusion that sums up your view
- give your text a title

Write about 250–400 words. You have 80 minutes. You may use an English–English dictionary but no
other aids.

## What the assessors look for

Texts are assessed holistically on the scale F+, E-, E+, D-, D+, C-, C+, B, A (lowest to highest).
Assessors consider:

1. **Content** – relevance to the question; how well the arguments are developed and supported with
   examples; reflection and nuance, including other points of view.
2. **Structure and coherence** – an introduction, paragraphs with a clear focus, linking words that
   guide the reader, and a conclusion that follows from the text.
3. **Language** – range and precision of vocabulary and phrasing, variation in sentence structure,
   and accuracy in grammar, spelling and punctuation.
4. **Adaptation** – awareness of the purpose (to argue and to reflect) and of the magazine's readers;
   a suitable tone and register.

As a guide: an **E** text is understandable and mostly relevant, with a simple structure and errors
that sometimes disturb communication. A **C** text develops its arguments with examples, is well
organised and uses fairly varied language with errors that seldom disturb. An **A** text is well
developed and nuanced, has a clear and fluent structure, and uses varied, precise and largely
accurate language adapted to its readers. Length alone does not decide the grade, but very short
texts rarely show enough to reach the higher grades.
`;

export const EXAMPLES_README_MD = `# Synthetic ENG5 example dataset

Everything in this folder is **synthetic**: the writing task, the 12 anchor essays and the 24 student essays were invented for this repository. There is no real test material and no real student writing in it.
The layout mirrors the platform's ENG5 NP dataset: \`${INSTRUCTIONS_FILE_NAME}\` (instructions and student prompt), \`${ANCHORS_CSV_FILE_NAME}\` (anchor id, file name, grade), \`${ANCHOR_DIR}/\` and \`${STUDENT_DIR}/\`.
Anchor file names carry the grade after the last underscore (\`anchor_C+1.docx\` → \`C+\`); grades use the scale F+, E-, E+, D-, D+, C-, C+, B, A.
Essays are a mix of .docx and .txt, plus one .md and one .pdf student essay.
In the eng5 repository (\`examples/eng5\`) the files are generated by \`npx tsx scripts/generate-examples.ts\` from the texts in \`scripts/eng5-example-data.ts\`; the output is byte-identical on every run, so edit the data file and regenerate instead of editing these files by hand. An installed eng5 writes a copy with \`eng5 example [DIR]\`.
Try it with \`eng5 run execute --sandbox --assets DIR --await-completion\` (DIR: this folder): the whole experiment against the in-process sandbox, nothing published.
`;

// ---------------------------------------------------------------------------
// Anchor essays (one or two per grade, lowest to highest)
// ---------------------------------------------------------------------------

export const ANCHOR_ESSAYS: readonly AnchorEssay[] = [
  {
    grade: "F+",
    number: 1,
    format: "txt",
    text: `
Summer job

I think teenagers should have summer job. Because you get money. Money is good when you want buy things like clothes and phone. My brother have a summer job in a shop last year and he get many money. He buyed a bike.

But some people say summer job is boring and you cant sleep long. I like to sleep long in summer. And it is hard to find a job when you is 15 years. My mother say I am to young for work.

I think summer job is good and bad. Good because money and bad becuse you dont have holiday. Maybe you can work litle and have holiday litle. That is my opinion about summer job. Thank you for reading.
`,
  },
  {
    grade: "E-",
    number: 1,
    format: "docx",
    text: `
Should teenagers have a summer job?

In this text I will write about summer jobs. I think every teenager should have a summer job, but not all summer.

First, a summer job give you money. You can save the money or buy things you want. When I was 14 I worked in my uncles cafe for two weeks and I got 3000 kronor. I was very happy and proud.

Second, you learn things. You learn to come in time and to talk to customers. That is good for the future when you will have a real job.

But some people think teenagers need to rest after school, and that is true. School is hard and we are tired in june. So I think two or three weeks is enough, then you can be with friends and family to.

In conclusion, summer job is good for teenagers if it is not to long.
`,
  },
  {
    grade: "E+",
    number: 2,
    format: "txt",
    text: `
Summer job - yes or no?

Many teenagers in Sweden want a summer job but it is not easy to get one. In my opinion every teenager should try to have a summer job at least one summer, because it teach you a lot.

The first reason is money. When you earn your own money you understand that things cost a lot. My friend worked at a farm and she said she dont want to waste money on stupid things anymore, because she know how hard it was to earn it.

The second reason is that you meet new people. At work you meet adults and people from other schools. You have to be polite and work together even if you dont know them. That is good practise for life.

On the other hand some teenagers have to help there family in summer or they do sports. For them a job is maybe to much. Also it is unfair because some people have parents who can give them a job and others dont.

To sum up, I think a summer job is a good idea for most teenagers, but the school or the town should help everyone to get one.
`,
  },
  {
    grade: "D-",
    number: 1,
    format: "txt",
    text: `
Summer job

Every summer many teenagers in Sweden is looking for a summer job. I think every teenager should have a summer job, but only if they want to.

First, you get money. It is nice to have your own money so you dont need to ask mom and dad all the time. I want to buy a new computer and I need money for it. My sister worked in a restaurant and she earned a lot of money, but she said it was very stressful and the chef was angry sometimes.

Second, you learn how it is to work. You have to come in time and do what the boss says. It is good to learn that before you are a adult. You can also write it in your CV when you search for more jobs later.

But a summer job is not only good. In the summer you want to be with your friends and go swimming and sleep long. If you work all the time you get tired, and then school start again and you are still tired. And it is very hard to get a job when you are 15 years old, the companys want older people.

In the end I think a summer job is good, but not all summer. Work some weeks and then have holiday, that is the best.
`,
  },
  {
    grade: "D+",
    number: 2,
    format: "docx",
    text: `
Should teenagers work in the summer?

A lot of teenagers have a summer job and a lot of teenagers dont. In this text I will write what I think about summer jobs and if every teenager should have one.

I think summer jobs is a good thing. When you work you get money and you can save it for something big, like a moped or a trip. Last summer I mowed lawns for old people in my area. I got 100 kronor for every lawn and in the end I had almost 4000 kronor. It was hard sometimes when it was hot, but I was happy when I got the money.

Also you learn to be responsible. If you say you will come on monday you have to come on monday, otherwise people get angry and they dont want you to work for them again. I learned that the hard way when I forgot one lady and she called my mother.

But some people say teenagers should rest in the summer and I understand that. School takes a lot of energy and you want to sleep and be with friends. And not everybody can get a job, because there is not so many jobs for young people in small towns like mine.

So my opinion is that a summer job is good if you can find one, but nobody should force you. You should decide yourself.
`,
  },
  {
    grade: "C-",
    number: 3,
    format: "docx",
    text: `
Summer jobs

Today many teenagers want to have a summer job. Some think it is good and some think it is bad. I think it is mostly good, and I will explain why in this text.

The first reason is money. If you have a summer job you get your own money and you can buy what you want. For example my friend Sara worked in a hotel last summer and she earned enough money to buy a new bike and go to a concert in Stockholm. I think that is great, because then she did not need to ask her parents.

The second reason is that you learn many things. You learn to wake up early and to be on time, and you learn how it is to work. That is useful when you are older and want a real job. You can also put the job in your CV.

But there is also some negative things. Some teenagers are very tired after the school year and they need to rest. Its also hard to find a job, many companies want older people with experience. My brother sent ten applications and he did not get any answer.

I think that a summer job is good but you should not work all summer. You need time for your friends and family to. Maybe three or four weeks is good.

In conclusion, summer jobs is good for teenagers because you get money and learn things, but it is important to also rest.
`,
  },
  {
    grade: "C+",
    number: 1,
    format: "docx",
    text: `
Summer Job or Summer Holiday?

Should every teenager have a summer job? This is a question many people discuss, and there are good arguments on both sides. In my opinion, a summer job is a good idea for most teenagers, but it should not be something everyone must do.

One reason why a summer job is good is that you earn your own money. Many teenagers want expensive things like new phones or clothes, and it is better to pay for them yourself than to ask your parents all the time. My cousin worked at a supermarket last summer and he bought his own computer. He was really proud of it.

Another reason is that you get experience. When you apply for a job later, it is good to have something in your CV. You also learn to work with other people and to listen to a boss. These are things that are important in the future, no matter what job you will have.

However, there are also some problems. Teenagers work very hard in school, especially in year nine when we have national tests. Many of us are tired when the summer comes and we need to relax and have fun with our friends. There are also not enough jobs for everyone, so it is not fair to say that everyone should have one.

In my opinion the best solution is to work a few weeks and have the rest of the summer free. Then you get both money and rest. I will try to find a job at a cafe this summer, but only for three weeks.

To conclude, summer jobs have many advantages, but teenagers should decide for themselves.
`,
  },
  {
    grade: "C+",
    number: 2,
    format: "txt",
    text: `
Work Hard, Play Hard

Summer is the best time of the year. There is no school, the weather is warm and you can do what you want. But is it a good idea to use some of this time to work? I think that every teenager should have a summer job, and here are my reasons.

Firstly, a summer job makes you more independent. When you have your own money, you do not have to ask your parents every time you want to go to the cinema or buy something. Last summer I was a leader at a football camp for younger children. I got paid, but I also learned how to plan activities and how to take care of kids who were homesick or sad.

Secondly, you get to know new people. At the camp I met other leaders from different schools, and some of them are now my good friends. It is good to meet people outside your normal group, because you learn that people think in different ways.

Some people think that teenagers should just relax in the summer, because school is stressful. I partly agree with this. If you work every day all summer, you will probably be very tired when school starts again in August. Also, it can be hard to get a job, especially if you do not know anyone who can help you.

But I still think the good things are more important. You can work for a few weeks and still have a lot of free time. The camp was only two weeks, and after that I went swimming and met friends like normal.

In conclusion, I believe a summer job is good for all teenagers, because you become more independent and meet new people. It is hard work, but it is also fun.
`,
  },
  {
    grade: "B",
    number: 1,
    format: "docx",
    text: `
A Summer Job Is Worth It

When summer comes, most teenagers dream about sleeping late, swimming and meeting friends. Having a job does not sound very exciting. Still, I am convinced that every teenager should have a summer job, at least for a few weeks, because the advantages are much bigger than the disadvantages.

The first advantage is, of course, the money. When you earn your own money, you also learn how to handle it. Last summer I sold ice cream in a kiosk by the beach in my hometown. At first I spent my salary on snacks and clothes, but after a while I started saving, because I realised how many hours I had to stand in the sun to earn a hundred kronor.

Another important advantage is that you develop as a person. In the kiosk I had to deal with long queues, impatient parents and children who could not decide which flavour they wanted. I became more patient and better at staying calm under stress. I also got a reference from my boss, which will be useful when I apply for jobs in the future.

On the other hand, there are good reasons why some teenagers should not work. Some are exhausted after a long school year and need to rest, and some have to take care of younger siblings. It is also true that it is hard to find a job if your parents do not know anyone who can hire you. Therefore, I think the town should help young people to find jobs, so that everyone gets the same chance.

To sum up, a summer job gives you money, experience and self-confidence. It should not take the whole summer, but a few weeks of work is something every teenager would benefit from. Personally, I am already looking forward to next summer in the kiosk - even the impatient parents.
`,
  },
  {
    grade: "B",
    number: 2,
    format: "txt",
    text: `
Why I Changed My Mind About Summer Jobs

A year ago, I would have answered this question without thinking: no. Why would anyone spend their only long holiday working when they could be relaxing? However, after working on my grandparents' strawberry farm last summer, I have changed my mind. I now believe that every teenager should have a summer job if they can.

The main reason is that a job teaches you responsibility in a way that school does not. At school, if you forget your homework, you get a reminder. On the farm, if I forgot to close the gate, the sheep got out and three people had to spend an hour catching them. I only did that once. Work showed me that my actions have consequences for other people, not just for me.

Furthermore, working gives you a better understanding of other people's lives. The other pickers on the farm came from many different countries, and some of them had travelled very far to earn money for their families. Talking to them during the breaks made me realise how lucky I am, and how hard many adults work for a salary that is not very high.

Of course, there are arguments against summer jobs. Teenagers need time to rest and to be with friends, and a job that is too heavy or too long can be harmful. In addition, not everyone has grandparents with a farm. Many teenagers apply for jobs and never get an answer, which can be very discouraging.

Still, I think these problems can be solved. Jobs for teenagers could be shorter, for example three or four weeks, and schools could help students write applications and contact employers.

In conclusion, my summer on the farm was tiring, but it taught me more about responsibility and about other people than any school year has. That is why I think every teenager deserves the same opportunity.
`,
  },
  {
    grade: "A",
    number: 1,
    format: "docx",
    text: `
The Best Lessons Are Not Taught in a Classroom

Every June, as the school doors close and the long Swedish summer stretches ahead, thousands of fifteen-year-olds face the same choice: ten weeks of freedom, or a job. It is tempting to see this as a choice between rest and responsibility, but I would argue that it is a false one. Every teenager who has the opportunity should take a summer job - not because money matters most, but because work teaches things that school, for all its strengths, simply cannot.

The most obvious benefit is financial, yet even here the real lesson goes deeper than the salary. When I spent last July cleaning holiday cabins on the west coast, I earned roughly what a new phone costs. What surprised me was not the amount but how differently I valued it. A pair of trainers stopped being "just eight hundred kronor" and became a whole day of scrubbing other people's ovens. Understanding that connection between effort and reward is something no economics lesson ever managed to teach me.

Work also forces you into a world where nobody is obliged to be patient with you. At school, teachers expect mistakes; guests do not. The first time an irritated family complained that their cabin had not been cleaned properly, I wanted to disappear. Instead, I apologised, fixed the problem and, by the end of the month, had learned to handle complaints calmly. That kind of confidence is hard to gain anywhere else.

Critics have a fair point, however. Teenagers today face considerable pressure at school, and a summer without rest can lead straight into an exhausted autumn. Moreover, summer jobs are not distributed fairly: students with well-connected parents often find positions easily, while others send dozens of applications without a single reply. If we insist that every teenager "should" work, we risk blaming young people for a problem that is really about opportunity.

This is why my answer is yes - but with conditions. A summer job should be limited to a few weeks, leaving genuine time to recover, and municipalities should guarantee placements for those who cannot find one on their own, as some towns already do. Then the question would no longer be who gets to learn these lessons, but how much each of us chooses to learn.
`,
  },
  {
    grade: "A",
    number: 2,
    format: "txt",
    text: `
Summer Jobs: Freedom Earned, Not Lost

There is a persistent myth that a teenager with a summer job has sacrificed her summer. My own experience, and that of most people I know, suggests the opposite. A summer job, I believe, is one of the most valuable experiences a young person can have, and every teenager should be given the chance to have one - although "given the chance" is the crucial part of that sentence.

Consider, first, what a job actually gives you. Money is the obvious answer, and it matters: for many families, a teenager who pays for her own bus card and football fees makes a real difference. Yet the less obvious rewards are arguably greater. Last summer I worked in the kitchen of a care home, and within a week I had learned to plan my time, to follow hygiene routines that left no room for shortcuts, and to talk with people seventy years older than me. One resident, a former sailor, told me stories about ports I had only seen on maps. No textbook could have given me that.

Second, a job builds a kind of independence that is difficult to develop at home or at school. Adults at work treat you as a colleague rather than a child, and that respect comes with expectations. You discover that being reliable - turning up on time, keeping your word, admitting your mistakes - matters more than being brilliant.

Nevertheless, the arguments against deserve to be taken seriously. Some teenagers need their summers to care for siblings, to train for competitions or simply to recover from a demanding school year. Others live in places where jobs for fifteen-year-olds barely exist. To demand that every teenager work would, in practice, reward those who already have connections and penalise those who do not. Furthermore, a badly organised job, with vague tasks and no supervision, may teach young people little except that work is dull.

The solution, then, is not to pressure individual teenagers but to change the conditions. Municipalities, local businesses and schools could cooperate to offer short, well-supervised placements to everyone who wants one, while respecting those who have good reasons to decline.

In the end, a summer job is not the end of freedom but, for many, the beginning of a more grown-up kind of freedom: the knowledge that you can manage on your own. That is worth a few weeks of early mornings.
`,
  },
];

// ---------------------------------------------------------------------------
// Student essays (fictional students, varied quality and length)
// ---------------------------------------------------------------------------

export const STUDENT_ESSAYS: readonly StudentEssay[] = [
  {
    number: 1,
    name: "alva",
    format: "docx",
    text: `
Babysitting Taught Me More Than I Expected

Most people think a summer job means working in a shop or a restaurant, but my first summer job was babysitting the two boys next door, four days a week. Because of that experience, I think every teenager should have some kind of summer job.

The biggest reason is that you grow up a bit. When you are responsible for two small children, you cannot just look at your phone all day. You have to make lunch, stop fights and make sure nobody falls into the lake. After a few weeks I felt much more mature, and my parents noticed it too.

Another reason is the money. I did not earn very much, but it was my own money and I could decide what to do with it. I saved half of it and used the rest for a weekend trip to Liseberg with my friends.

At the same time, I understand the people who are against summer jobs. Some teenagers really need the holiday, because they have been stressed all year. Jobs can also be hard to find, and not everyone has neighbours who need help. Maybe the school could have a list of jobs for students, so it is easier for everyone.

In conclusion, I believe a summer job is good for teenagers because it makes you more responsible and gives you your own money. It does not have to be a big job. Even babysitting can teach you a lot about yourself.
`,
  },
  {
    number: 2,
    name: "elias",
    format: "txt",
    text: `
Summer job is good

I think a summer job is good for teenagers. You get money and you can buy things. I want a new phone and a summer job can help me.

Last summer I didnt have a job. I was at home and played computer games and it was boring after two weeks. My friends was on holiday in other countrys. If I had a job I was not so bored.

Some people say that teenagers need to rest. That is true but you can rest on weekends and in the evening. Also summer is very long, ten weeks.

It is hard to get a job for young people. I sent an email to a shop but they said no. Maybe my dad can help me this year, he knows a man with a car company.

So I think every teenager should have a summer job because money is good and it is not boring.
`,
  },
  {
    number: 3,
    name: "maja",
    format: "docx",
    text: `
Should Every Teenager Work? Not Necessarily

At first glance, the idea that every teenager should have a summer job seems hard to argue with. Work brings money, experience and a sense of responsibility - who could be against that? Yet the word "every" troubles me. While I agree that a summer job can be enormously valuable, I do not believe it should be treated as a duty for all young people.

Let me begin with what a job can offer, because I have experienced it myself. Two summers ago I worked at the reception of a campsite outside Kalmar. I learned to answer questions in three languages, to stay polite when tired tourists were rude, and to solve problems without running to my manager every five minutes. I came back to school more confident and, frankly, more grateful for my teachers' patience.

However, what worked for me will not work for everyone. My best friend spent the same summer caring for her younger brothers while her mother, a single parent, worked double shifts. Was her summer less valuable than mine? Hardly. She took on more responsibility than I did, but it would never appear on a CV. Other teenagers spend their summers training seriously in sport or music, or recovering from a year that has left them exhausted. Insisting that they should all have a job overlooks the many forms that useful effort can take.

There is also a question of fairness. Summer jobs are scarce, and they tend to go to those whose parents have the right contacts. If society sends the message that every teenager should work, those who fail to find a position may conclude that they have failed, when in reality the system has failed them.

What I would argue, therefore, is that every teenager should have the opportunity to work, not the obligation. Towns could offer guaranteed short placements, and schools could help students with applications, so that a job depends on motivation rather than luck.

In short, a summer job can be a wonderful teacher. But a good society gives young people choices, and trusts them to use their summers well.
`,
  },
  {
    number: 4,
    name: "william",
    format: "txt",
    text: `
My opinion about summer jobs

I think summer jobs are good for most teenagers. In this text I will tell you why.

The first reason is you get money. Money is important when you are a teenager because everything is expensive, like clothes, games and food in town with friends. Last year I worked at my uncles car wash for three weeks. I washed maybe 200 cars and I got 5000 kr. I bought new headphones and gave some money to my mom.

The second reason is you dont get bored. Summer holiday is long and after a while you dont know what to do. When you work you have something to do every day and you meet people.

But some people dont like to work in summer, they want to travel or be with family. That is ok too. And some teenagers cant find a job, it is very hard in my town because there is only a few shops.

My conclusion is that summer jobs is good and I will work again this summer if my uncle want me.
`,
  },
  {
    number: 5,
    name: "ebba",
    format: "docx",
    text: `
summer job

i dont think every teenager should have a summer job. summer is for holiday. we are in school all year and we are tired. i want to sleep and be with my friends and swim.

Work is for adults. when you are 15 you should play and have fun. my mom work all the time and she is always tired, i dont want be like that now.

maybe some people want money, then they can work. but not me. Summer job is boring.
`,
  },
  {
    number: 6,
    name: "lucas",
    format: "txt",
    text: `
Responsibility in Swimming Trunks

Last summer I worked as an assistant lifeguard at the outdoor pool in our town. Before I started, I thought it would be an easy job: sitting in the sun, watching people swim. I was wrong, and that is one of the reasons I believe every teenager should have a summer job.

First of all, a job teaches you that other people depend on you. At the pool, I could never relax completely, because a child could get into trouble in a few seconds. One afternoon I noticed a little girl who had drifted into the deep end, and I reached her before anything happened. That moment made me understand what real responsibility means.

Secondly, a summer job gives you experiences you can use later. I had to take a first aid course before I started, and now I know how to help someone who is injured. I also learned to communicate clearly, for example when I had to tell older teenagers to stop running or jumping in dangerous places.

Of course, some people argue that teenagers should rest during the summer, and it is true that school can be exhausting. However, most summer jobs for young people are only a few weeks long, so there is still plenty of time to relax. A more serious problem is that there are not enough jobs. In my opinion, the municipality should create more jobs like mine, because they are useful both for the teenagers and for society.

To conclude, a summer job can teach you responsibility, give you useful skills and make you feel that you matter. That is why I think every teenager should have the chance to work, even if it means fewer days at the beach - or, like me, spending those days at the pool.
`,
  },
  {
    number: 7,
    name: "noah",
    format: "txt",
    text: `
Is a summer job a good idea?

Many teenagers have summer jobs today. I think it is a good idea, but not for everyone.

If you have a summer job you can earn money. I worked at a supermarket last summer, I put things on the shelfs and cleaned. It was not so fun but I earned 8000 kronor, and I used it to buy a new computer for gaming. My parents said that they was proud of me because I paid it myself.

A summer job is also good because you get experience. Next time you look for a job it is easier if you have worked before. And you learn to talk to adults in a more serious way.

But there are some negative sides. It is hard to get a job if you dont know somebody. Also the summer is short in Sweden and when the weather is nice you want to be outside, not in a supermarket. Some of my friends think it is crazy to work in the summer.

I think everyone should decide for themself. For me it was good to work, but I understand that some people want to rest. Maybe it is best to work a little bit, maybe two or three weeks, and then have holiday.
`,
  },
  {
    number: 8,
    name: "saga",
    format: "docx",
    text: `
Summer job - good or bad?

I think every teenager should have a summer job. There is many reasons for this.

First you get your own money. You can buy what you want and you dont need to ask your parents. That feels good.

Second you learn new things. My cousin worked in a horse stable last summer. She learned how to take care of horses and she was there every morning at six. She said it was the best summer in her life.

Third you meet new people and maybe you get new friends.

But it is not easy to get a summer job. Many teenagers apply but they dont get any job. I think the town should help more. Also some people need to rest after school because it is very stressful in year 9.

In conclusion I think summer job is good for you if you can get one. I will try to get a job in a stable like my cousin.
`,
  },
  {
    number: 9,
    name: "hugo",
    format: "docx",
    text: `
Summer Jobs for Teenagers

There is a big debate about if teenagers should work in the summer. I think that teenagers should have a summer job, but not the whole summer.

My first argument is that you learn about money. When I worked at a petrol station last summer I understood that it takes a long time to earn money and a very short time to spend it. Now I think more before I buy something.

My second argument is that it is good for your future. Employers want to see that you have worked before, and a summer job is a good start. You also get a reference.

On the other hand, teenagers need a break. We have a lot of homework and tests in year nine, and many people feel stressed. If you work all summer you dont get any rest and that can be bad for your health. There are also many teenagers who can not find any job even if they try.

In conclusion, I think a summer job is good for teenagers because you learn about money and it helps your future. But it is important to have a holiday too, so maybe you should work half of the summer.
`,
  },
  {
    number: 10,
    name: "alice",
    format: "txt",
    text: `
Ten Weeks, One Question

Every June, the same question appears at dinner tables across Sweden: is this the summer you get a job? For some teenagers it sounds exciting; for others it sounds like a punishment. Having spent last summer working in a charity second-hand shop, I have come to believe that a summer job is one of the best things a teenager can experience - provided that it is a real opportunity rather than an obligation imposed from above.

The value of a summer job lies less in what you earn than in what you discover. In the shop I sorted donations, priced clothes and served customers, many of whom could not afford to shop anywhere else. I had always known, in an abstract way, that people do not have the same resources, but seeing a father count coins for winter boots in the middle of July made that knowledge painfully concrete.

A job also offers a different kind of feedback from school. At school, progress is measured in grades that arrive weeks after the effort. At work, the consequences are immediate: a well-organised shelf sells more, a friendly word brings a customer back. I found this surprisingly motivating, and I returned to school in August with a clearer sense of why effort matters.

Those who are sceptical raise reasonable objections. Year nine is demanding, and many students reach the summer close to burnout; for them, rest is not laziness but a necessity. Moreover, jobs are unevenly distributed. In my class, the students who found work most easily were, unsurprisingly, those whose parents had useful contacts. To tell every teenager that they should have a summer job, without ensuring that jobs exist, is to turn a privilege into a moral demand.

My conclusion is therefore a qualified yes. Every teenager should be able to have a summer job, and most would benefit from one, but society must make that possible - through municipal summer job programmes, partnerships with local businesses, and flexible placements of a few weeks rather than the whole holiday. Then the dinner-table question might depend less on luck and more on choice.

After all, the most important thing I brought home from the shop was not my salary. It was a slightly wider view of the world.
`,
  },
  {
    number: 11,
    name: "oscar",
    format: "docx",
    text: `
Summer job

I think summer job is good. You get money. I like money because I can by things.

My friend have a job in summer he work in a shop. He say it is boring but he get money so its ok.

I want a job in summer to but it is hard to find. Nobody want a 15 year. I ask in the food shop but they say no.

Some people think summer is for holiday, it is true also. But I think money is better then holiday. Thats what I think.
`,
  },
  {
    number: 12,
    name: "wilma",
    format: "txt",
    text: `
Time to Work?

Summer jobs are a popular topic among teenagers, and many of my classmates are already looking for one. In my opinion, every teenager should try to have a summer job, because it gives you money, experience and independence.

To begin with, a summer job gives you the chance to earn your own money. Last summer I worked in a bakery three mornings a week. I had to get up at five o'clock, which was hard, but I liked the feeling of having my own salary. I learned to plan my spending and I even saved some money for the future.

Another positive thing is the experience. In the bakery I learned how to work in a team and how to talk to customers in a friendly way. These skills are useful in many different jobs, and I think they will help me when I apply for jobs later.

However, there are also some disadvantages. Getting up early in the summer is not fun, and sometimes I missed things with my friends. Some teenagers also have other responsibilities, like helping their family, so they do not have time for a job.

In conclusion, I think a summer job is mostly positive. You should not work too much, but a few mornings a week is a good balance between work and free time.
`,
  },
  {
    number: 13,
    name: "liam",
    format: "docx",
    text: `
Why Every Teenager Deserves a Summer Job

In many Swedish towns, the municipality offers summer jobs to young people, often for three or four weeks. Last summer I was one of them, working with the park department. Thanks to that experience, I am convinced that every teenager should have a summer job - and that society should make sure they can get one.

To start with, a summer job gives you a sense of purpose. During the summer, it is easy to stay up all night and sleep until lunch. When I had to be at the park at seven in the morning, my days suddenly had a structure, and I actually felt more energetic. I also enjoyed seeing the results of our work: flower beds we had planted, benches we had painted and paths we had cleared.

In addition, working with people of different ages and backgrounds widens your perspective. My team consisted of two other teenagers and an older gardener who had worked in the parks for thirty years. He taught us not only about plants but also about how the town had changed over the years. I would never have talked to someone like him otherwise.

Some people would argue that teenagers need to rest after a long school year, and I agree that rest is important. But a job of three or four weeks still leaves more than a month of free time. A bigger problem is that there are not enough places. Several of my friends applied but were not chosen, which felt unfair, since they wanted to work just as much as I did.

In conclusion, a summer job gives teenagers structure, new perspectives and a feeling of being useful. I think the municipality should offer a place to everyone who applies, because every teenager deserves the same chance that I got.
`,
  },
  {
    number: 14,
    name: "elsa",
    format: "txt",
    text: `
Summer job

In this text I will write if teenager should have summer job.

I think yes, because you get money and you learn things. Money is good for buy clothes and make up. When you work you learn to be on time and be nice to the customers.

My sister worked in a hotel in the summer. She cleaned rooms. She said it was hard and the rooms was very dirty sometimes. But she got a lot of money and she was happy.

But some people dont want to work. They want to be at the beach and with friends. I understand them, summer is short.

I think you can work some weeks and have holiday the other weeks. So my answer is yes, teenager should have summer job but not all summer.
`,
  },
  {
    number: 15,
    name: "adam",
    format: "docx",
    text: `
Summer jobs

Do every teenager need a summer job? I dont think so, but I think it is good for many people.

The good thing with summer job is money. Everybody like money and when you are teenager you need money for many things, for example cinema, clothes and food with friends. If you have a job you can pay yourself.

Another good thing is you learn to work. When I had work experience in year 8 I was at a shop and I learned to use the cash register and to help customers. I think a summer job is the same, you learn things you can use later.

But some teenagers have other things to do in the summer. My friend play football and he have training every day, so he has no time to work. And some people travel to their home country to visit family for the whole summer. For them a summer job is not possible.

So my conclusion is that summer jobs is good but not for every teenager. Everybody is different.
`,
  },
  {
    number: 16,
    name: "stella",
    format: "txt",
    text: `
Let Summer Be Summer

Everyone keeps telling teenagers that we should get a summer job. Teachers, parents and even politicians say it is good for us. I do not completely disagree, but I think the idea that every teenager should work is wrong.

First of all, young people today are more stressed than ever. In year nine we have national tests, upper secondary school applications and a lot of pressure to get good grades. When the summer finally comes, many of us are exhausted. If we go straight from school to a job, when are we supposed to recover? I think rest is just as important as work, especially for our mental health.

Secondly, summer is a time for other kinds of learning. Last summer I did not have a job, but I read ten books, learned to sail with my uncle and spent a week at a language camp. I learned a lot, even though I did not earn any money.

Of course, I understand why people think summer jobs are good. You earn money, you get experience for your CV and you learn to take responsibility. For teenagers who want to work, a summer job can be a great opportunity, and I think they should get help to find one.

But the important word is "want". Nobody should feel that they are lazy or behind just because they spend their summer in a different way.

In conclusion, summer jobs can be good, but they should be a choice, not a rule. Let summer be summer, and let every teenager decide how to use it.
`,
  },
  {
    number: 17,
    name: "leo",
    format: "md",
    text: `
Fixing Bikes, Building Confidence

When my neighbour asked if I wanted to help out in his bicycle repair shop last summer, I almost said no. I had planned a summer of gaming and swimming. Luckily, my mum convinced me to try it, and now I believe that every teenager should have a summer job.

The most important thing I gained was confidence. At the beginning I did not even know how to change an inner tube, and I was afraid of making mistakes in front of customers. After a few weeks, however, I could fix brakes and adjust gears on my own. When a customer thanked me for repairing her bike just before her holiday, I felt genuinely proud. School rarely gives me that feeling.

Another benefit is that a job teaches you to manage your time and money. I worked four hours a day, so I still had my afternoons free, but I had to plan them better. I also opened a savings account for the first time, because I wanted my salary to last.

Nevertheless, I can see why some people are against the idea. Not every teenager has a neighbour with a shop, and many applications are never answered. Moreover, some young people have health problems or family responsibilities that make working difficult. Saying that everyone *should* work can make these teenagers feel like failures.

Therefore, I think schools and municipalities should help students find jobs, and employers should offer short, part-time positions like mine. That way, teenagers could get the benefits of working and still enjoy their summer.

In conclusion, my summer in the bike shop changed how I see myself. I went from someone who avoided new challenges to someone who enjoys them. Every teenager deserves that kind of experience.
`,
  },
  {
    number: 18,
    name: "astrid",
    format: "docx",
    text: `
My opinion

I think it is good to have a summer job when you are a teenager. But it is not easy to find one.

Last summer I wanted to work in a cafe but they said I was to young. Then I helped my grandma in her garden and she gave me some money. It was fun and I learned about flowers and vegetables.

A summer job is good because you get money and you are not bored. You can also meet new friends at the job.

Bad things is that you are tired and you can not go on holiday with your family. Also some jobs are very boring, like cleaning.

I think teenagers should try to have a summer job, but if they cant find one it is ok. You can help your family instead like I did.
`,
  },
  {
    number: 19,
    name: "isak",
    format: "txt",
    text: `
Between the Islands

For four weeks last summer, I worked in the small cafe on board a ferry that crosses the archipelago outside Stockholm. I made coffee, sold cinnamon buns and, on windy days, mopped up spilled drinks while the boat rolled. It was not glamorous, but it convinced me that a summer job is something almost every teenager would benefit from.

What I value most is how the job changed my relationship with responsibility. At school, responsibility often feels theoretical: hand in your essay on time, or you will get a reminder. On the ferry, it was tangible. If I had not restocked the milk before the morning crossing, a hundred commuters would have had black coffee, and they would have let me know about it. Within a week, I was planning ahead in a way I never had before.

The job also introduced me to people I would otherwise never have met: islanders who have taken the same boat to work for forty years, tourists from Germany and Japan, and colleagues who were students, pensioners and, in one case, a retired sea captain. Listening to them broadened my sense of what an ordinary life can look like.

That said, I recognise that my experience depended on luck. My aunt knew someone at the ferry company, and without her I would probably have been one of the many teenagers whose applications disappear without an answer. Some of my classmates also needed the summer to recover from a stressful spring, and for them, rest was the wiser choice.

For this reason, I would put it this way: every teenager should have the opportunity to work, and those who can should take it. Municipal programmes and local employers could make such opportunities available to everyone, not just to those with the right contacts.

When I stepped off the ferry for the last time in August, I had earned some money, but I had gained something more valuable: the knowledge that I can handle responsibility when it really counts.
`,
  },
  {
    number: 20,
    name: "freja",
    format: "pdf",
    text: `
Summer Job: Yes or No?

Should every teenager have a summer job? I think the answer is yes, because a summer job gives you many good things that you can not get in school.

The first thing is money. When you have your own salary you can decide yourself what to buy. Last summer I worked at a strawberry stand next to the road, and I saved money for a trip to London with my class. It felt really good to pay for it myself.

The second thing is that you learn to talk to people. At the stand I had to talk to many customers, and some of them spoke only English or German. In the beginning I was shy, but after a few days it was easy. Now I am not so nervous when I have to speak in front of the class.

Some people think that teenagers should not work in the summer because they need rest. I understand this, but I think that you can do both. I worked only in the mornings, and in the afternoons I went to the beach with my friends.

In conclusion, I think that every teenager should have a summer job, because you get money and you become more confident. It is also nice to have something to do when your friends are away.
`,
  },
  {
    number: 21,
    name: "viktor",
    format: "docx",
    text: `
Summer job

Summer job is good I think. You get money and you can buy a moped or things. I want a moped.

But its hard to get a job. I have try to get a job at the golf club but they dont answer me. Maybe next year.

My friends dont have a job they just chill in summer. Its also nice. Summer is for chill to.

Some teenager must work because there family dont have money. That is not fair.

I think every teenager should have a summer job if they want. And if they dont want its ok. That is my opinion.
`,
  },
  {
    number: 22,
    name: "ella",
    format: "txt",
    text: `
Summer Jobs Are Important

I think that every teenager should have a summer job. There is many reasons why a summer job is important, and I will write about some of them.

The first reason is that you get experience. When you are older and want to get a job, the boss want to see that you have worked before. If you had a summer job, you have something to write in your CV. Last summer I worked in an elderly home and I helped the old people with food and walks. It was sometimes sad but mostly nice, and I learned a lot about old people.

The second reason is money. With a summer job you can save money for things you want. I saved money for a new phone and I also bought a present to my mother.

Some people say that teenagers should have holiday in the summer, because they have worked hard in school. I think this is a little bit true, but you can have holiday after the job. Most summer jobs are only a few weeks.

In conclusion, a summer job is important for teenagers because you get experience and money. I think everyone should try it at least one time.
`,
  },
  {
    number: 23,
    name: "theo",
    format: "docx",
    text: `
The Summer Job Pressure

Every spring, my class starts talking about summer jobs. Who has found one? Who is still looking? For those who have not found anything, the conversation can feel like a competition they are losing. This is one reason why I do not think every teenager should have a summer job, even though I can see its advantages.

Let me start with those advantages, because they are real. My older brother worked in a warehouse two summers in a row, and it clearly made him more mature. He learned to take instructions, to work long hours and to save money for his driving licence. I do not deny that a job can teach valuable lessons.

However, the expectation that every teenager should work ignores how different our lives are. Some of my friends spend their summers abroad with relatives they only see once a year. Others compete in sports at a high level and train twice a day. For them, a summer job would mean giving up something equally valuable.

Furthermore, the pressure to find a job can be harmful. When dozens of applications are rejected, many teenagers start to believe that something is wrong with them. In reality, there are simply too few jobs, and they are often given to those with family connections.

Instead of saying that everyone should work, I think we should make sure that everyone who wants a job can get one, for example through municipal summer programmes, and respect those who choose differently.

In conclusion, a summer job can be a great experience, but it should never be a requirement. Teenagers are individuals, and a good summer can look very different from one person to another.
`,
  },
  {
    number: 24,
    name: "nora",
    format: "txt",
    text: `
Work in the summer

Should every teenager have a summer job? I think it is a good idea for many reasons, but there are some problems too.

One good thing is that you earn money. I have never had a summer job, but my friend Moa worked in a clothes shop last summer and she bought a lot of new clothes with a discount. She also saved money for the autumn, which I think was smart.

Another good thing is that you learn to be responsible. You have to be at work on time, even if you are tired or it is sunny outside. This is good practice for the future when we are adults.

A problem is that there is not enough jobs for all teenagers. I applied to five places last year and nobody answered. It made me feel a bit sad. Also, some teenagers needs to rest because school has been very hard.

In my opinion every teenager should have the chance to get a summer job, but it should not be a must. I hope I will get one this summer.
`,
  },
];
