/** Spanish texts of the worker page: the keys and placeholders of `en.ts`. */
import type { Messages } from "./en.js";

export const es: Messages = {
  "page.title": "Su registro de cotizaciones",
  "page.intro":
    "Cotizaciones de protección social registradas por los pagos que recibió a través de {platforms}.",
  "page.noPlatform": "las plataformas",
  "lang.nav": "Idioma",
  "link.expires":
    "Este enlace personal funciona hasta el {date} (UTC). No lo comparta: cualquiera que tenga el enlace puede ver esta página.",
  "download.label": "Descargue su registro completo en cualquier momento:",
  "download.csv": "hoja de cálculo (CSV)",
  "download.json": "archivo de datos (JSON)",

  "totals.heading": "Totales hasta la fecha",
  "totals.payouts": "Pagos recibidos",
  "totals.reversals": "Pagos revertidos",
  "totals.withheld": "Retenido de sus pagos",
  "totals.paidByPlatform": "Pagado por las plataformas",
  "totals.none": "ninguno",
  "totals.noContributions": "Todavía no se ha registrado ninguna cotización.",
  "totals.payers":
    "«Retenido de sus pagos» es su parte, descontada de sus pagos. «Pagado por las plataformas» es la parte de cada plataforma que le pagó, pagada además de su remuneración.",
  "totals.byScheme": "Por régimen",
  "count.payouts.one": "{count} pago",
  "count.payouts.other": "{count} pagos",

  "table.country": "País",
  "table.scheme": "Régimen",
  "table.whoPays": "Quién paga",
  "table.total": "Total",
  "table.base": "Base",
  "table.contribution": "Cotización",
  "payer.worker": "retenido de sus pagos",
  "payer.platform": "pagado por la plataforma",
  "scheme.pension": "pensión",
  "scheme.health": "salud",
  "scheme.social_security": "seguridad social",
  "scheme.employment_injury": "accidentes de trabajo",
  "scheme.welfare": "fondo social",
  "scheme.unemployment": "desempleo",

  "chart.heading": "Cotizaciones por mes",
  "chart.title": "Cotizaciones por mes y régimen, en {currency}",
  "chart.desc":
    "Gráfico de barras de las cotizaciones registradas cada mes, ambas partes juntas, un color por régimen. El mes más alto es de {max}. Las mismas cifras se detallan mes a mes más abajo.",
  "chart.legend": "Regímenes",

  "coverage.heading": "Cobertura",
  "coverage.honest":
    "Esta página muestra las cotizaciones registradas a su nombre. No dice si usted está asegurado: cada régimen lo decide según sus propias condiciones, como un mínimo de cotizaciones o de ingresos en un mes. Cuando este registro conoce la condición mensual de un régimen, cada mes indica si cuenta y qué falta; si no, indica «todavía no evaluado».",
  "coverage.monthsWith": "Meses con cotizaciones",
  "coverage.line": "{country}, {scheme}: {months}",
  "coverage.none": "Todavía no hay meses con cotizaciones.",
  "coverage.month": "Cobertura de este mes",
  "coverage.not_assessed": "{scheme}: {amount} registrados. Todavía no se ha evaluado si este mes cuenta.",
  "coverage.counts": "{scheme}: {amount} registrados. Este mes cuenta.",
  "coverage.does_not_count": "{scheme}: {amount} registrados. Este mes todavía no cuenta: faltan {missing}.",

  "pay.heading": "Pago por hora",
  "pay.intro":
    "Cuando la plataforma indicó cuánto duró cada tarea: lo que se le pagó por hora de tarea. No se cuenta el tiempo dedicado a buscar tareas, esperar o hacer trabajo no pagado, así que su pago por hora realmente trabajada es menor.",
  "pay.line": "{month}: {earnings} por {time} de tareas ({payouts}), es decir {hourly} por hora.",
  "pay.below": "Es menos que el salario mínimo de {minimum} por hora ({name}).",
  "pay.atOrAbove": "Es al menos el salario mínimo de {minimum} por hora ({name}).",
  "pay.noMinimum":
    "No hay un salario mínimo nacional por hora registrado para este país ({country}), así que no hay con qué comparar.",
  "pay.noRate":
    "El salario mínimo ({name}) es de {minimum} por hora; no se encontró un tipo de cambio para estas fechas, así que no se comparan.",
  "pay.converted":
    "Los pagos en {currencies} se convirtieron a {currency} al tipo de referencia del Banco Central Europeo del día de cada pago.",
  "pay.reversals.one": "Se resta {count} pago revertido.",
  "pay.reversals.other": "Se restan {count} pagos revertidos.",
  "pay.withoutDuration.one": "{count} pago de este mes no tiene duración de tarea y no se cuenta.",
  "pay.withoutDuration.other": "{count} pagos de este mes no tienen duración de tarea y no se cuentan.",
  "pay.none":
    "Ninguno de sus pagos indica la duración de la tarea, así que no se puede mostrar el pago por hora.",
  "pay.wagesHeading": "Salarios mínimos utilizados",
  "pay.wage": "{name} ({country}): {minimum} por hora.",
  "pay.notes": "Notas sobre este salario mínimo",
  "pay.caveat":
    "Las leyes de salario mínimo protegen sobre todo a las personas asalariadas; si alguna se aplica a su trabajo es una cuestión jurídica que esta página no responde. La comparación es orientativa.",

  "months.heading": "Mes a mes",
  "month.payouts": "Pagos: {list}.",
  "month.reversed": "Revertidos: {list}.",
  "month.noRule": "Ninguna regla de cotización se aplicó a estos pagos.",
  "month.totals": "Este mes: retenido de sus pagos {withheld}; pagado por las plataformas {paid}.",
  "month.platforms": "Plataformas",

  "rules.heading": "Reglas aplicadas",
  "rules.intro":
    "Cada cotización de arriba se calculó con una de estas reglas, publicadas con su fuente jurídica.",
  "rule.proposed": "propuesta, todavía no es ley",
  "rule.inForce": "Vigente desde el {from}.",
  "rule.inForceUntil": "Vigente desde el {from} hasta el {to} (no incluido).",
  "rule.detail": "Se calcula por {period}; base: {fraction} de cada pago; tipos: {rates}.",
  "rule.rateFrom": "{rate} desde {threshold}",
  "why.age": "edad {age}",
  "why.fact": "{name}: {value}",
  "why.fraction": "{name} {value}: cuenta el {percent} % del pago",
  "why.fractionDefault": "sin {name}: cuenta el {percent} % del pago",
  "why.excluded": "{component}: no cuentan",
  "contributions.why": "Por qué:",
  "rule.amountFrom": "{amount} al superar {threshold}, luego {rate}",
  "rule.fractionBy": "según {by}: {values}",
  "rule.fractionOtherwise": "si no, {fraction}",
  "rule.appliesWhen": "Se aplica cuando:",
  "rule.counts": "Cuenta {components}; {assessment}.",
  "component.earnings": "ganancias",
  "component.tip": "propinas",
  "component.incentive": "incentivos",
  "component.reimbursement": "reembolsos",
  "assessment.person": "se suma lo que te pagan todas las plataformas",
  "assessment.platform": "cada plataforma se evalúa por separado",
  "rule.source": "Fuente: {source}",
  "rule.retrieved": "consultada el {date}",
  "rule.notes": "Notas sobre esta regla",
  "period.month": "mes",
  "period.year": "año",
  "period.tax_year": "año fiscal",
  "period.transaction": "pago",

  "footer.text":
    "Los importes se redondean al céntimo; cada total es la suma exacta de las filas que abarca. Las fechas son las del país de cada regla.",

  "receipts.heading": "Recibos",
  "receipts.intro":
    "El registro firma un recibo por cada pago: guárdelo como prueba de lo que se registró a su nombre. {check}",
  "receipts.check": "Verificar un recibo",
  "receipts.latest":
    "Se muestran los {count} más recientes; cada recibo anterior se obtiene del mismo modo con el identificador de su evento.",
  "receipts.date": "Fecha",
  "receipts.event": "Pago",
  "receipts.amount": "Importe",
  "receipts.receipt": "Recibo",
  "receipts.link": "recibo (JSON)",
  "receipts.reversal": "devuelto",
  "verify.title": "Verificar un recibo firmado",
  "verify.intro":
    "Pegue abajo un recibo, o la firma de un informe mensual. La verificación se hace en su navegador con las claves públicas del registro; nada de lo que pegue se envía.",
  "verify.document": "Recibo o firma (JSON)",
  "verify.report": "Archivo del informe (CSV) para comparar con la firma de un informe (opcional)",
  "verify.keys": "Claves públicas (JWKS, opcional; vacío: las claves que publica este servicio)",
  "verify.button": "Verificar",
  "verify.noscript":
    "Esta verificación necesita JavaScript. Sin él, use la línea de comandos: npm run verify-receipt -- receipt.json --keys keys.json",
  "verify.ok.receipt":
    "Válido: firmado con la clave {kid}. Evento {event} de {platform}, número de secuencia {seq}.",
  "verify.ok.sealed": "Está sellado en la cadena de hash (eslabón {hash}).",
  "verify.ok.unsealed":
    "Aún no estaba sellado en la cadena de hash al emitirse; vuelva a obtener el recibo más tarde para ver su posición en la cadena.",
  "verify.ok.report": "Válido: el informe cerrado {jurisdiction} {period}, firmado con la clave {kid}.",
  "verify.ok.file": "El archivo del informe coincide con la suma de control firmada.",
  "verify.bad.file": "No válido: el archivo del informe no coincide con las sumas de control firmadas.",
  "verify.bad.json": "No válido: esto no es JSON.",
  "verify.bad.shape": "No válido: no es un recibo firmado ni la firma de un informe.",
  "verify.bad.key": "No válido: ninguna clave publicada tiene el identificador {kid}.",
  "verify.bad.signature":
    "No válido: la firma no coincide: el contenido se modificó, o no lo firmó este registro.",
  "verify.bad.copy": "No válido: la copia legible difiere del contenido firmado: se modificó.",
  "verify.bad.keys": "No se pudieron leer las claves públicas.",
  "verify.bad.unsupported":
    "Este navegador no puede verificar firmas Ed25519; use la herramienta de línea de comandos.",

  "problem.expired.title": "Este enlace ha caducado",
  "problem.expired.text":
    "Los enlaces a su registro funcionan durante un tiempo limitado. Pida un enlace nuevo a la plataforma que le paga o a su organismo de seguridad social.",
  "problem.invalid.title": "Este enlace no es válido",
  "problem.invalid.text":
    "El enlace se modificó o se copió de forma incompleta. Abra el enlace exactamente como lo recibió o pida uno nuevo.",
  "problem.wrongPurpose.title": "Este enlace no es válido aquí",
  "problem.wrongPurpose.text":
    "El enlace se creó para otra cosa. Pida un enlace a su registro a la plataforma que le paga o a su organismo de seguridad social.",

  "voice.reversals.heading": "Pagos revertidos, y por qué",
  "voice.reversals.intro":
    "Cada pago que una plataforma revirtió, con el motivo que dio. Si un motivo le parece incorrecto, puede reclamarlo más abajo.",
  "voice.reversals.none": "No se ha revertido ningún pago.",
  "voice.reversals.item": "{date}, {platform}: {amount} revertidos del pago {payout}.",
  "voice.reversals.reason": "Motivo dado:",
  "voice.reversals.note": "Nota de la plataforma:",
  "reason.rejected-work.label": "el trabajo fue rechazado",
  "reason.refund.label": "se reembolsó al cliente",
  "reason.chargeback.label": "el banco del cliente anuló el pago",
  "reason.platform-error.label": "un error de la plataforma",
  "reason.other.label": "otro motivo",
  "reason.unspecified.label": "sin motivo",
  "voice.disputes.heading": "Reclamaciones",
  "voice.disputes.intro":
    "Si un pago es incorrecto o falta, dígaselo aquí a la plataforma. Debe responder, con una corrección (un pago nuevo o una reversión que registra) o con una explicación. Una reclamación no cambia nada en su registro por sí sola.",
  "voice.disputes.none": "No ha presentado ninguna reclamación.",
  "voice.disputes.filed": "Su reclamación número {id} se ha enviado a la plataforma.",
  "voice.disputes.wrong": "Reclamación {id}: el pago {payout} de {platform} es incorrecto.",
  "voice.disputes.missing": "Reclamación {id}: falta un pago de {amount} del {date} de {platform}.",
  "voice.disputes.filedOn": "Presentada el {date}.",
  "voice.disputes.yourNote": "Su nota:",
  "voice.state.open": "Abierta: a la espera de la respuesta de la plataforma.",
  "voice.state.corrected": "Corregida: la plataforma registró el evento {event}.",
  "voice.state.explained": "Explicada por la plataforma:",
  "voice.disputes.answeredOn": "Respondida el {date}.",
  "voice.form.heading": "Presentar una reclamación",
  "voice.form.kind": "¿Qué está mal?",
  "voice.form.kindWrong": "Un pago es incorrecto",
  "voice.form.kindMissing": "Falta un pago",
  "voice.form.payout": "El pago incorrecto",
  "voice.form.payoutNone": "(elija un pago)",
  "voice.form.payoutHint":
    "Se listan sus últimos pagos. Para uno más antiguo, elija «falta un pago» o nómbrelo en su nota.",
  "voice.form.platform": "La plataforma que debía pagar",
  "voice.form.date": "Fecha del pago que falta",
  "voice.form.amount": "Importe del pago que falta",
  "voice.form.currency": "Moneda (por ejemplo EUR o USD)",
  "voice.form.note": "Qué pasó (1000 caracteres como máximo)",
  "voice.form.submit": "Enviar a la plataforma",
  "voice.form.errors": "Su reclamación no se envió. Revise estos campos:",
  "voice.form.back": "Volver a su registro",
};
