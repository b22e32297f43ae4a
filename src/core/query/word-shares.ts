/**
 * How many postings say a word, for the words at least 15% of postings say: measured on the real
 * postings captured from seven boards (2011-2026, tests/fixtures/sources), in canonical words, by
 * bands. The indexed matcher files a query under its term the fewest jobs are likely to have; a
 * word missing here is rarer than all of these. Only a hint for speed: results never depend on it.
 */
const BANDS: readonly [share: number, words: string][] = [
  [
    0.6,
    `
    a ability about all an and applicants applying are as at be by can companies company experience find for
    from have human in is job of on or our please post re remote role s search see skills strong team that the
    these they this time to we when will with work years you your`,
  ],
  [
    0.4,
    `
    across avoid based benefits best beta build building business collaborate communication completely data
    develop development do ensure environment excellent feature full help high if including it looking
    management mention more new not opportunities opportunity other performance product provide read
    requirements responsibilities show software solutions spam support tag teams technical their through tools
    understanding us what who within word words working`,
  ],
  [
    0.25,
    `
    age also any application applications apply both but candidate clients closely code collaboration
    collaborative com committed compensation competitive complex create cross culture customer customers
    decisions design digital disability diverse drive driven e effectively employees employer employment
    engineer engineering ensuring equal every expertise fast first flexible focus future gender global growth
    has health highly hours how identify identity impact improve industry information internal into join key
    knowledge lead leading learn learning level life like ll maintain make manage manager managing medical meet
    members mission most n national needs offer office one open orientation origin out over paid part
    passionate people platform position practices preferred problem process processes products professional
    projects proven providing qualifications quality race range related relationships religion required
    responsible salary self senior services sexual solving stakeholders status success such systems take tech
    technologies technology them top understand united up use using value vision well where while world written`,
  ],
  [
    0.15,
    `
    able access achieve additional advanced ai analysis analytical analytics analyze annual anywhere approach
    around attention aws background base being believe better bonus bring candidates care career challenges
    check clear client cloud color comfortable commitment communicate community comprehensive computer content
    contribute core creating critical d daily day dedicated deep degree deliver delivering delivery
    demonstrated dental detail developing different diversity documentation during dynamic each education email
    employee empower end engineers english enhance enjoy environments equity etc everyone exceptional excited
    existing experiences external familiarity features feedback field financial focused following fully
    functional g get go goals good google great grow growing hands here hiring home ideal ideas implement
    include inclusive individual individuals innovation innovative insights insurance issues its know large
    leadership least leave local location long love maintaining making market marketing may member minimum
    multiple must need no non off only operations optimize organization organizational oriented outcomes own
    paced partner partners passion pay per person personal place plan planning plans platforms plus potential
    problems proficiency proficient program programming programs project protected python quickly real receive
    record relevant reporting reports research resources results reviews right saas sales scale science seeking
    service set sex similar so social some space sql startup state states strategic strategy successful system
    t talent tasks thrive track training trends unique user values various verbal veteran want way web which
    why without write year`,
  ],
];

export const WORD_SHARES: ReadonlyMap<string, number> = new Map(
  BANDS.flatMap(([share, words]) =>
    words
      .trim()
      .split(/\s+/)
      .map((word) => [word, share] as const),
  ),
);

/** What a word not in the table is assumed to be said by. */
export const RARE_WORD_SHARE = 0.05;
