/** French texts of the worker page: the keys and placeholders of `en.ts`. */
import type { Messages } from "./en.js";

export const fr: Messages = {
  "page.title": "Votre relevé de cotisations",
  "page.intro":
    "Cotisations de protection sociale enregistrées pour les paiements que vous avez reçus via {platforms}.",
  "page.noPlatform": "les plateformes",
  "lang.nav": "Langue",
  "link.expires":
    "Ce lien personnel fonctionne jusqu'au {date} (UTC). Ne le partagez pas : toute personne qui a le lien peut voir cette page.",
  "download.label": "Téléchargez votre relevé complet à tout moment :",
  "download.csv": "tableur (CSV)",
  "download.json": "fichier de données (JSON)",

  "totals.heading": "Totaux à ce jour",
  "totals.payouts": "Paiements reçus",
  "totals.reversals": "Paiements repris",
  "totals.withheld": "Retenu sur vos paiements",
  "totals.paidByPlatform": "Payé par les plateformes",
  "totals.none": "aucun",
  "totals.noContributions": "Aucune cotisation n'a encore été enregistrée.",
  "totals.payers":
    "« Retenu sur vos paiements » est votre part, déduite de vos paiements. « Payé par les plateformes » est la part de chaque plateforme qui vous a payé, payée en plus de votre rémunération.",
  "totals.byScheme": "Par régime",
  "count.payouts.one": "{count} paiement",
  "count.payouts.other": "{count} paiements",

  "table.country": "Pays",
  "table.scheme": "Régime",
  "table.whoPays": "Qui paie",
  "table.total": "Total",
  "table.base": "Assiette",
  "table.contribution": "Cotisation",
  "payer.worker": "retenu sur vos paiements",
  "payer.platform": "payé par la plateforme",
  "scheme.pension": "retraite",
  "scheme.health": "santé",
  "scheme.social_security": "sécurité sociale",
  "scheme.employment_injury": "accidents du travail",
  "scheme.welfare": "fonds social",
  "scheme.unemployment": "chômage",

  "chart.heading": "Cotisations par mois",
  "chart.title": "Cotisations par mois et par régime, en {currency}",
  "chart.desc":
    "Diagramme en barres des cotisations enregistrées chaque mois, les deux parts ensemble, une couleur par régime. Le mois le plus élevé est de {max}. Les mêmes montants sont détaillés mois par mois plus bas.",
  "chart.legend": "Régimes",

  "coverage.heading": "Couverture",
  "coverage.honest":
    "Cette page montre les cotisations enregistrées pour vous. Elle ne dit pas si vous êtes assuré : chaque régime en décide selon ses propres conditions, par exemple un montant minimum de cotisations ou de revenus dans le mois. Lorsque ce registre connaît la condition mensuelle d'un régime, chaque mois ci-dessous indique s'il compte et ce qui manque ; sinon il indique « pas encore évalué ».",
  "coverage.monthsWith": "Mois avec cotisations",
  "coverage.line": "{country}, {scheme} : {months}",
  "coverage.none": "Aucun mois avec cotisations pour l'instant.",
  "coverage.month": "Couverture ce mois-ci",
  "coverage.not_assessed": "{scheme} : {amount} enregistrés. Pas encore évalué si ce mois compte.",
  "coverage.counts": "{scheme} : {amount} enregistrés. Ce mois compte.",
  "coverage.does_not_count":
    "{scheme} : {amount} enregistrés. Ce mois ne compte pas encore : il manque {missing}.",

  "pay.heading": "Rémunération horaire",
  "pay.intro":
    "Quand la plateforme a indiqué la durée de chaque tâche : ce que vous avez été payé par heure de tâche. Le temps passé à chercher des tâches, à attendre ou en travail non payé n'est pas compté ; votre rémunération par heure réellement travaillée est donc plus basse.",
  "pay.line": "{month} : {earnings} pour {time} de tâches ({payouts}), soit {hourly} de l'heure.",
  "pay.below": "C'est moins que le salaire minimum de {minimum} de l'heure ({name}).",
  "pay.atOrAbove": "C'est au moins le salaire minimum de {minimum} de l'heure ({name}).",
  "pay.noMinimum":
    "Aucun salaire minimum horaire national n'est enregistré pour ce pays ({country}) : il n'y a rien à comparer.",
  "pay.noRate":
    "Le salaire minimum ({name}) est de {minimum} de l'heure ; aucun taux de change n'a été trouvé pour ces dates, les deux ne sont donc pas comparés.",
  "pay.converted":
    "Les paiements en {currencies} ont été convertis en {currency} au taux de référence de la Banque centrale européenne du jour de chaque paiement.",
  "pay.reversals.one": "{count} paiement repris est déduit.",
  "pay.reversals.other": "{count} paiements repris sont déduits.",
  "pay.withoutDuration.one": "{count} paiement de ce mois n'a pas de durée de tâche et n'est pas compté.",
  "pay.withoutDuration.other":
    "{count} paiements de ce mois n'ont pas de durée de tâche et ne sont pas comptés.",
  "pay.none":
    "Aucun de vos paiements n'indique de durée de tâche : la rémunération horaire ne peut pas être calculée.",
  "pay.wagesHeading": "Salaires minimums utilisés",
  "pay.wage": "{name} ({country}) : {minimum} de l'heure.",
  "pay.notes": "Notes sur ce salaire minimum",
  "pay.caveat":
    "Le droit du salaire minimum protège surtout les salariés ; savoir s'il s'applique à votre travail est une question juridique à laquelle cette page ne répond pas. La comparaison est une indication.",

  "months.heading": "Mois par mois",
  "month.payouts": "Paiements : {list}.",
  "month.reversed": "Repris : {list}.",
  "month.noRule": "Aucune règle de cotisation ne s'applique à ces paiements.",
  "month.totals": "Ce mois-ci : retenu sur vos paiements {withheld} ; payé par les plateformes {paid}.",
  "month.platforms": "Plateformes",

  "rules.heading": "Règles appliquées",
  "rules.intro":
    "Chaque cotisation ci-dessus a été calculée avec l'une de ces règles, publiées avec leur source juridique.",
  "rule.proposed": "proposition, pas encore en vigueur",
  "rule.inForce": "En vigueur depuis le {from}.",
  "rule.inForceUntil": "En vigueur du {from} au {to} (non compris).",
  "rule.detail": "Calculée par {period} ; assiette : {fraction} de chaque paiement ; taux : {rates}.",
  "rule.rateFrom": "{rate} à partir de {threshold}",
  "why.age": "âge {age} ans",
  "why.fact": "{name} : {value}",
  "why.fraction": "{name} {value} : {percent} % du paiement comptent",
  "why.fractionDefault": "sans {name} : {percent} % du paiement comptent",
  "why.excluded": "{component} non comptés",
  "contributions.why": "Pourquoi :",
  "rule.amountFrom": "{amount} au-delà de {threshold}, puis {rate}",
  "rule.fractionBy": "selon {by} : {values}",
  "rule.fractionOtherwise": "sinon {fraction}",
  "rule.appliesWhen": "S’applique si :",
  "rule.counts": "Compte {components} ; {assessment}.",
  "component.earnings": "gains",
  "component.tip": "pourboires",
  "component.incentive": "primes",
  "component.reimbursement": "remboursements",
  "assessment.person": "vos revenus de toutes les plateformes sont additionnés",
  "assessment.platform": "chaque plateforme est évaluée séparément",
  "rule.source": "Source : {source}",
  "rule.retrieved": "consultée le {date}",
  "rule.notes": "Notes sur cette règle",
  "period.month": "mois",
  "period.year": "année",
  "period.tax_year": "année fiscale",
  "period.transaction": "paiement",

  "footer.text":
    "Les montants sont arrondis au centime ; chaque total est la somme exacte des lignes qu'il couvre. Les dates sont celles du pays de chaque règle.",

  "receipts.heading": "Reçus",
  "receipts.intro":
    "Le registre signe un reçu pour chaque paiement : conservez-le comme preuve de ce qui a été enregistré pour vous. {check}",
  "receipts.check": "Vérifier un reçu",
  "receipts.latest":
    "Les {count} derniers sont listés ; chaque reçu plus ancien s'obtient de la même façon par l'identifiant de son événement.",
  "receipts.date": "Date du paiement",
  "receipts.event": "Paiement",
  "receipts.amount": "Montant",
  "receipts.receipt": "Reçu",
  "receipts.link": "reçu (JSON)",
  "receipts.reversal": "repris",
  "verify.title": "Vérifier un reçu signé",
  "verify.intro":
    "Collez ci-dessous un reçu, ou la signature d'un rapport mensuel. La vérification se fait dans votre navigateur avec les clés publiques du registre ; rien de ce que vous collez n'est envoyé.",
  "verify.document": "Reçu ou signature (JSON)",
  "verify.report": "Fichier du rapport (CSV) à comparer à la signature d'un rapport (facultatif)",
  "verify.keys": "Clés publiques (JWKS, facultatif ; vide : les clés publiées par ce service)",
  "verify.button": "Vérifier",
  "verify.noscript":
    "Cette vérification nécessite JavaScript. Sans lui, utilisez la ligne de commande : npm run verify-receipt -- receipt.json --keys keys.json",
  "verify.ok.receipt":
    "Valide : signé par la clé {kid}. Événement {event} de {platform}, numéro de séquence {seq}.",
  "verify.ok.sealed": "Il est scellé dans la chaîne de hachage (maillon {hash}).",
  "verify.ok.unsealed":
    "Il n'était pas encore scellé dans la chaîne de hachage à son émission ; récupérez le reçu plus tard pour voir sa position dans la chaîne.",
  "verify.ok.report": "Valide : le rapport clôturé {jurisdiction} {period}, signé par la clé {kid}.",
  "verify.ok.file": "Le fichier du rapport correspond à la somme de contrôle signée.",
  "verify.bad.file": "Non valide : le fichier du rapport ne correspond pas aux sommes de contrôle signées.",
  "verify.bad.json": "Non valide : ce n'est pas du JSON.",
  "verify.bad.shape": "Non valide : ce n'est ni un reçu signé ni la signature d'un rapport.",
  "verify.bad.key": "Non valide : aucune clé publiée n'a l'identifiant {kid}.",
  "verify.bad.signature":
    "Non valide : la signature ne correspond pas : le contenu a été modifié, ou il n'a pas été signé par ce registre.",
  "verify.bad.copy": "Non valide : la copie lisible diffère du contenu signé : elle a été modifiée.",
  "verify.bad.keys": "Les clés publiques n'ont pas pu être lues.",
  "verify.bad.unsupported":
    "Ce navigateur ne sait pas vérifier les signatures Ed25519 ; utilisez l'outil en ligne de commande.",

  "problem.expired.title": "Ce lien a expiré",
  "problem.expired.text":
    "Les liens vers votre relevé fonctionnent pendant une durée limitée. Demandez un nouveau lien à la plateforme qui vous paie ou à votre organisme de sécurité sociale.",
  "problem.invalid.title": "Ce lien n'est pas valide",
  "problem.invalid.text":
    "Le lien a été modifié ou copié de façon incomplète. Ouvrez le lien exactement tel que vous l'avez reçu, ou demandez-en un nouveau.",
  "problem.wrongPurpose.title": "Ce lien n'est pas valide ici",
  "problem.wrongPurpose.text":
    "Le lien a été créé pour autre chose. Demandez un lien vers votre relevé à la plateforme qui vous paie ou à votre organisme de sécurité sociale.",

  "voice.reversals.heading": "Paiements repris, et pourquoi",
  "voice.reversals.intro":
    "Chaque paiement qu'une plateforme a repris, avec le motif qu'elle a donné. Si un motif vous semble faux, vous pouvez le contester ci-dessous.",
  "voice.reversals.none": "Aucun paiement n'a été repris.",
  "voice.reversals.item": "{date}, {platform} : {amount} repris sur le paiement {payout}.",
  "voice.reversals.reason": "Motif donné :",
  "voice.reversals.note": "Note de la plateforme :",
  "reason.rejected-work.label": "le travail a été refusé",
  "reason.refund.label": "le client a été remboursé",
  "reason.chargeback.label": "la banque du client a annulé le paiement",
  "reason.platform-error.label": "une erreur de la plateforme",
  "reason.other.label": "un autre motif",
  "reason.unspecified.label": "aucun motif donné",
  "voice.disputes.heading": "Contestations",
  "voice.disputes.intro":
    "Si un paiement est faux ou manquant, signalez-le ici à la plateforme. Elle doit répondre, soit par une correction (un nouveau paiement ou une reprise qu'elle enregistre), soit par une explication. Une contestation ne modifie rien à votre relevé par elle-même.",
  "voice.disputes.none": "Vous n'avez déposé aucune contestation.",
  "voice.disputes.filed": "Votre contestation numéro {id} a été envoyée à la plateforme.",
  "voice.disputes.wrong": "Contestation {id} : le paiement {payout} de {platform} est faux.",
  "voice.disputes.missing": "Contestation {id} : il manque un paiement de {amount} le {date} de {platform}.",
  "voice.disputes.filedOn": "Déposée le {date}.",
  "voice.disputes.yourNote": "Votre note :",
  "voice.state.open": "Ouverte : en attente de la réponse de la plateforme.",
  "voice.state.corrected": "Corrigée : la plateforme a enregistré l'événement {event}.",
  "voice.state.explained": "Expliquée par la plateforme :",
  "voice.disputes.answeredOn": "Réponse du {date}.",
  "voice.form.heading": "Déposer une contestation",
  "voice.form.kind": "Quel est le problème ?",
  "voice.form.kindWrong": "Un paiement est faux",
  "voice.form.kindMissing": "Un paiement manque",
  "voice.form.payout": "Le paiement faux",
  "voice.form.payoutNone": "(choisissez un paiement)",
  "voice.form.payoutHint":
    "Vos derniers paiements sont listés. Pour un paiement plus ancien, choisissez « un paiement manque » ou citez-le dans votre note.",
  "voice.form.platform": "La plateforme qui aurait dû payer",
  "voice.form.date": "Date du paiement manquant",
  "voice.form.amount": "Montant du paiement manquant",
  "voice.form.currency": "Devise (par exemple EUR ou USD)",
  "voice.form.note": "Ce qui s'est passé (1 000 caractères au plus)",
  "voice.form.submit": "Envoyer à la plateforme",
  "voice.form.errors": "Votre contestation n'a pas été envoyée. Vérifiez ces champs :",
  "voice.form.back": "Retour à votre relevé",
};
