// Header names CRM exports use for each canonical attribute, in English, German, French, Spanish
// and Dutch, written as normHeader writes them (lower case, accents folded, no separators):
// "Prénom" → prenom, "Código postal" → codigopostal, "Straße" → strasse, "E-Mail-Adresse" → emailadresse.

export const SYNONYMS: Record<string, readonly string[]> = {
  source_key: [
    'id', 'custid', 'customerid', 'custno', 'customerno', 'customernumber', 'accountid', 'accountno', 'acct', 'acctno', 'subscriberid', 'clientid', 'clientno', 'key', 'ref', 'reference', 'custref', 'crmid', 'partyid', 'recid', 'recordid', 'uid', 'contactid', 'personid',
    'kundennr', 'kundennummer', 'kdnr', 'kundenid', 'kundenreferenz', // de
    'numeroclient', 'numclient', 'noclient', 'idclient', 'refclient', 'codeclient', 'identifiantclient', // fr
    'numerocliente', 'numcliente', 'idcliente', 'codcliente', 'codigocliente', 'nocliente', // es
    'klantnummer', 'klantnr', 'klantid', 'relatienummer', 'relatienr', 'debiteurnummer', // nl
  ],
  given_name: [
    'firstname', 'fname', 'firstnm', 'forename', 'forenames', 'given', 'givenname', 'first',
    'vorname', 'rufname', // de
    'prenom', 'prenoms', // fr
    'nombre', 'nombres', 'primernombre', 'nombrepila', // es
    'voornaam', 'voornamen', 'roepnaam', // nl
  ],
  family_name: [
    'lastname', 'lname', 'lastnm', 'surname', 'familyname', 'last', 'sname',
    'nachname', 'familienname', 'zuname', // de
    'nom', 'nomdefamille', 'patronyme', // fr
    'apellido', 'apellidos', 'primerapellido', // es
    'achternaam', 'familienaam', // nl
  ],
  full_name: [
    'name', 'fullname', 'customername', 'contactname', 'custname', 'clientname', 'subscribername', 'nm',
    'vollstandigername', 'vollername', 'kundenname', // de
    'nomcomplet', 'nomclient', // fr
    'nombrecompleto', 'nombrecliente', // es
    'naam', 'volledigenaam', 'klantnaam', // nl
  ],
  email: [
    'email', 'emailaddr', 'emailaddress', 'mail', 'emailid', 'eaddress',
    'emailadresse', 'mailadresse', // de
    'courriel', 'adresseemail', 'adressemail', 'adresseelectronique', // fr
    'correo', 'correoelectronico', 'correoe', // es
    'emailadres', 'mailadres', // nl
  ],
  phone: [
    'phone', 'tel', 'telephone', 'mobile', 'cell', 'phoneno', 'phonenumber', 'contactno', 'telno', 'mobileno', 'msisdn',
    'telefon', 'telefonnummer', 'telefonnr', 'handy', 'handynummer', 'mobil', 'mobilnummer', 'festnetz', // de
    'numerodetelephone', 'portable', 'mobile', 'numtel', // fr
    'telefono', 'movil', 'celular', 'numerodetelefono', // es
    'telefoon', 'telefoonnummer', 'telnr', 'mobiel', 'mobielnummer', 'gsm', // nl
  ],
  address_line: [
    'address', 'addr', 'addrline1', 'addrline2', 'address1', 'address2', 'addressline1', 'addressline2', 'street', 'addr1', 'addr2', 'line1', 'line2', 'streetaddress', 'houseno', 'streetnumber',
    'strasse', 'str', 'hausnummer', 'hausnr', 'anschrift', 'adresse', 'strasseundhausnummer', // de
    'rue', 'adresse1', 'adresse2', 'numeroderue', 'voie', // fr
    'direccion', 'calle', 'domicilio', 'direccion1', 'direccion2', // es
    'straat', 'huisnummer', 'huisnr', 'adres', 'straatnaam', // nl
  ],
  city: [
    'city', 'town', 'suburb', 'locality', 'citytown',
    'ort', 'stadt', 'wohnort', 'gemeinde', // de
    'ville', 'commune', 'localite', // fr
    'ciudad', 'localidad', 'municipio', 'poblacion', // es
    'woonplaats', 'plaats', 'stad', 'gemeente', // nl
  ],
  postcode: [
    'postcode', 'zip', 'zipcode', 'postalcode', 'pcode', 'postcd',
    'plz', 'postleitzahl', // de
    'codepostal', 'cp', // fr
    'codigopostal', 'cpostal', // es
    'postcode', // nl
  ],
  country: ['country', 'countrycode', 'cntry', 'countrycd', 'land', 'pays', 'pais'],
  date_of_birth: [
    'dob', 'birthdate', 'dateofbirth', 'birthdt', 'born', 'bdate', 'birthday',
    'geburtsdatum', 'geburtstag', 'gebdatum', 'gebdat', // de
    'datedenaissance', 'datenaissance', 'naissance', // fr
    'fechadenacimiento', 'fechanacimiento', 'fechanac', 'nacimiento', // es
    'geboortedatum', 'geboortedag', 'gebdatum', // nl
  ],
  company: [
    'company', 'companyname', 'organisation', 'organization', 'employer', 'business', 'accountname', 'org', 'firm',
    'firma', 'firmenname', 'unternehmen', // de
    'societe', 'entreprise', 'raisonsociale', // fr
    'empresa', 'compania', 'razonsocial', // es
    'bedrijf', 'bedrijfsnaam', 'organisatie', // nl
  ],
  consent_email: ['optinemail', 'emailoptin', 'emailconsent', 'newsletter', 'marketingoptin', 'optin', 'emailok', 'consentemail'],
  consent_sms: ['smsoptin', 'smsconsent', 'optinsms', 'smsok', 'consentsms', 'textoptin'],
  notes: [
    'notes', 'note', 'comments', 'comment', 'remarks', 'memo', 'description',
    'notiz', 'notizen', 'bemerkung', 'bemerkungen', 'kommentar', 'anmerkung', // de
    'remarque', 'remarques', 'commentaire', 'commentaires', // fr
    'nota', 'notas', 'comentario', 'comentarios', 'observaciones', // es
    'opmerking', 'opmerkingen', 'notitie', 'notities', // nl
  ],
  type: ['type', 'eventtype', 'action', 'activity', 'event', 'interaction', 'kind', 'typ', 'art', 'tipo', 'soort'],
  at: ['at', 'date', 'timestamp', 'createdat', 'orderdate', 'eventdate', 'ts', 'datetime', 'time', 'created', 'occurredat', 'opened', 'datum', 'zeitstempel', 'horodatage', 'fecha', 'tijdstip'],
  amount: ['amount', 'total', 'value', 'price', 'ordertotal', 'amt', 'revenue', 'betrag', 'summe', 'montant', 'importe', 'bedrag'],
  channel: ['channel', 'medium', 'via', 'storecode', 'kanal', 'canal', 'kanaal'],
  text: ['text', 'body', 'message', 'subject', 'tickettext', 'details', 'content', 'nachricht', 'texte', 'texto', 'mensaje', 'tekst', 'bericht'],
};

/** A header as the synonym lists write it: accents folded, ß → ss, N° → no, lower case, letters and digits only. */
export function normHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[°º]/g, 'o') // N° / Nº: numéro, número
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Header words: "CustomerId" → customer, id; "rec_id" → rec, id; "Código postal" → codigo, postal. */
export function headerWords(h: string): string[] {
  return h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[°º]/g, 'o')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}
