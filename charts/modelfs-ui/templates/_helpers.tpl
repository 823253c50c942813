{{/*
The chart's name (63 characters at most: a DNS label).
*/}}
{{- define "modelfs-ui.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of every object: the release name, plus the chart's name unless the release name has it.
*/}}
{{- define "modelfs-ui.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
chart-version, for the helm.sh/chart label.
*/}}
{{- define "modelfs-ui.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The labels every object carries.
*/}}
{{- define "modelfs-ui.labels" -}}
helm.sh/chart: {{ include "modelfs-ui.chart" . }}
{{ include "modelfs-ui.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: console
app.kubernetes.io/part-of: modelfs
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The labels the Deployment selects its pods by, and the Service its endpoints by.
*/}}
{{- define "modelfs-ui.selectorLabels" -}}
app.kubernetes.io/name: {{ include "modelfs-ui.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the console runs as.
*/}}
{{- define "modelfs-ui.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "modelfs-ui.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image tag: image.tag, or the chart's appVersion.
*/}}
{{- define "modelfs-ui.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

